import type { TypePolicies } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';

/**
 * Apollo Client cache policies for the Enterprise Map (`new InMemoryCache({ typePolicies })`).
 *
 * - Entities are normalised by their federation key. Most carry `id`, Apollo's default; a
 *   `Region` is keyed by its ISO code (`Region:{"code":"KZ-35"}`), so without this policy regions
 *   would be copied into every enterprise, vacancy and zone that mentions them and never updated
 *   together. A selection without the key is stored inside its parent instead of failing.
 * - Objects without an identity of their own (a workplace's code is unique only within its
 *   enterprise, figures and points belong to their parent) are merged into the parent.
 * - Connections page with Relay cursors: `fetchMore({ variables: { after } })` appends a page to
 *   the list cached for the same filter arguments.
 */
const keyedBy =
  (field: string) =>
  (object: Readonly<Record<string, unknown>>): string[] | false =>
    object[field] === undefined ? false : [field];

const embedded = { keyFields: false, merge: true } as const;

export const typePolicies = {
  Query: {
    fields: {
      enterprises: relayStylePagination(['area', 'filter', 'orderBy']),
      vacancies: relayStylePagination(['area', 'filter', 'orderBy']),
      investmentProjects: relayStylePagination(['area', 'filter', 'orderBy']),
      resettlementApplications: relayStylePagination(['status']),
    },
  },
  Region: {
    keyFields: keyedBy('code'),
    fields: {
      enterprises: relayStylePagination(['filter']),
      vacancies: relayStylePagination(['filter']),
    },
  },
  Enterprise: {
    fields: {
      declarations: relayStylePagination(false),
      vacancies: relayStylePagination(['status']),
    },
  },
  LaborRelationsDeclaration: { fields: { contracts: relayStylePagination(false) } },
  ResettlementZone: { fields: { nearbyVacancies: relayStylePagination(['radiusKm', 'filter']) } },
  WorkplaceAssessment: embedded,
  EmploymentContract: embedded,
  GeoPoint: embedded,
  SpecialPaymentSummary: embedded,
  HazardSummary: embedded,
  StaffingShortage: embedded,
  ZoneQuota: embedded,
  RegionQuota: embedded,
} satisfies TypePolicies;
