import { roleInRegion, type AccessRule, type Principal } from '../kernel/auth.js';
import { isValidIin } from '../kernel/domain/identifiers.js';
import { Forbidden } from '../kernel/errors.js';
import type { ResettlementApplication } from './entities/resettlement-application.entity.js';
import type { ResettlementZone } from './entities/resettlement-zone.entity.js';

/**
 * Who may see and change what in this subgraph (docs/architecture.md §5): officers work on the zones and
 * applications of their own regions, citizens on their own applications. Every rule the
 * resolvers declare with `@Allow` lives here, next to the scope the SQL filters by, so the two
 * cannot drift apart.
 */

/** A citizen whose token carries a checksum-valid IIN: applications are filed and found under it. */
const citizenIinOf = (principal: Principal): string | null =>
  principal.roles.has('citizen') && principal.iin !== null && isValidIin(principal.iin) ? principal.iin : null;

/** The applications a caller may list: all (admin), those of zones in the officer's regions, and the citizen's own. */
export interface ApplicationScope {
  everything: boolean;
  zoneRegions: string[];
  applicantIin: string | null;
}

/** Total on purpose: an anonymous caller's scope is empty, so the SQL returns nothing even without the rule below. */
export function applicationScope(principal: Principal | null): ApplicationScope {
  if (!principal) return { everything: false, zoneRegions: [], applicantIin: null };
  return {
    everything: principal.roles.has('admin'),
    zoneRegions: principal.roles.has('resettlement_officer') ? [...principal.regions].sort() : [],
    applicantIin: citizenIinOf(principal),
  };
}

/** May call `resettlementApplications`: an officer or citizen whose scope is not empty. */
export const seesApplications: AccessRule<unknown> = (principal) => {
  const scope = applicationScope(principal);
  return scope.everything || scope.zoneRegions.length > 0 || scope.applicantIin !== null;
};

/** May apply: a citizen, for themselves. */
export const isCitizenWithIin: AccessRule<unknown> = (principal) => citizenIinOf(principal) !== null;

/** The family applying is whoever signed the request; the IIN never comes from the input. */
export function applicantIinOf(principal: Principal | null): string {
  const iin = principal && citizenIinOf(principal);
  if (!iin) throw new Forbidden('applying for resettlement needs the applicant’s own IIN in the token (claim iin, role citizen)');
  return iin;
}

/** An officer whose regions include the zone's region: sets its quotas and decides its applications. */
export const officerOfZone: AccessRule<ResettlementZone> = roleInRegion('resettlement_officer', (zone) => zone.regionCode);

/**
 * The same officer, judged on the zone of an application that may not exist: an unknown id is
 * refused like somebody else's, so nobody but an admin learns which application ids exist.
 */
export const officerOfZoneIfAny: AccessRule<ResettlementZone | null> = (principal, zone) => zone !== null && officerOfZone(principal, zone);

/** The applicant themselves (the full IIN is theirs to see). */
export const applicantOf: AccessRule<ResettlementApplication> = (principal, application) =>
  citizenIinOf(principal) === application.applicantIin;

