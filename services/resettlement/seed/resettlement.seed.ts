import { createRandom, loadSettlements } from '../../kernel/seed/demo-world.js';
import type { BulkInsertPlan } from '../../kernel/seed/bulk-insert.js';
import type { SubgraphSeed } from '../../kernel/seed/seed.js';
import {
  DEMO_YEAR,
  demoIntentionsAndReturns,
  demoResettlement,
  expectedDemoRows,
  type DemoApplication,
  type DemoIntention,
  type DemoReturn,
  type DemoZone,
  type RegionResettlementRow,
} from './demo-resettlement.js';

/** Intentions and returns draw from their own stream: the zones and applications stay as before they existed. */
const INTENTIONS_STREAM = 0x5bd1e995;

const POINT = 'ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography';

/** Columns written as they come in. */
const REGION_INPUT = { region_code: 'text', year: 'int', role: 'text', kandas_persons: 'int', resettler_persons: 'int' };
const QUOTA_INPUT = { zone_id: 'uuid', year: 'int', families: 'int' };
const APPLICATION_INPUT = {
  id: 'uuid',
  zone_id: 'uuid',
  year: 'int',
  status: 'text',
  from_kato_code: 'text',
  from_region_code: 'text',
  applicant_iin: 'text',
  family_members: 'int',
  able_bodied_members: 'int',
  relocation_subsidy_tenge: 'int',
  monthly_rent_subsidy_tenge: 'int',
  commitment_years: 'int',
  created_at: 'timestamptz',
  decided_at: 'timestamptz',
  reason: 'text',
};

const INTENTION_ROWS: BulkInsertPlan<DemoIntention> = {
  table: 'resettlement.application_intention',
  input: { application_id: 'uuid', member: 'int', sector: 'text' },
  values: (intention) => ({ application_id: intention.applicationId, member: intention.member, sector: intention.sector }),
};
const RETURN_ROWS: BulkInsertPlan<DemoReturn> = {
  table: 'resettlement.resettlement_return',
  input: { application_id: 'uuid', returned_on: 'date', members: 'int' },
  values: (row) => ({ application_id: row.applicationId, returned_on: row.returnedOn, members: row.members }),
};

/**
 * The regions' resettlement facts and the demo zones, quotas and applications. Their number
 * follows the regional quotas, not the requested benchmark size: only the seed number matters.
 */
export const resettlementSeed: SubgraphSeed = {
  tables: [
    'resettlement.resettlement_zone',
    'resettlement.zone_quota',
    'resettlement.resettlement_application',
    'resettlement.region_resettlement',
    'resettlement.application_intention',
    'resettlement.resettlement_return',
  ],
  expectedRows: expectedDemoRows,
  run: async (target, options, onRows) => {
    const world = demoResettlement(createRandom(options.seed), await loadSettlements());
    const regions = await target.insert<RegionResettlementRow>(
      {
        table: 'resettlement.region_resettlement',
        input: REGION_INPUT,
        values: (row) => ({
          region_code: row.regionCode,
          year: row.year,
          role: row.role,
          kandas_persons: row.kandasPersons,
          resettler_persons: row.resettlerPersons,
        }),
      },
      world.regions,
      onRows,
    );
    const zones = await target.insert<DemoZone>(
      {
        table: 'resettlement.resettlement_zone',
        input: { id: 'uuid', name: 'text', region_code: 'text', kato_code: 'text', lat: 'float8', lon: 'float8', radius_metres: 'float8', housing_offered: 'int' },
        output: {
          id: 'id',
          name: 'name',
          region_code: 'region_code',
          kato_code: 'kato_code',
          center: POINT,
          // A geodesic buffer: the radius is in metres on the ground at any latitude.
          area: `ST_Multi(ST_Buffer(${POINT}, radius_metres)::geometry)`,
          housing_offered: 'housing_offered',
        },
        values: (zone) => ({
          id: zone.id,
          name: zone.name,
          region_code: zone.regionCode,
          kato_code: zone.katoCode,
          lat: zone.lat,
          lon: zone.lon,
          radius_metres: zone.radiusMetres,
          housing_offered: zone.housingOffered,
        }),
      },
      world.zones,
      onRows,
    );
    const quotas = await target.insert<DemoZone>(
      {
        table: 'resettlement.zone_quota',
        input: QUOTA_INPUT,
        values: (zone) => ({ zone_id: zone.id, year: DEMO_YEAR, families: zone.families }),
      },
      world.zones,
      onRows,
    );
    const applications = await target.insert<DemoApplication>(
      {
        table: 'resettlement.resettlement_application',
        input: APPLICATION_INPUT,
        values: (application) => ({
          id: application.id,
          zone_id: application.zoneId,
          year: application.year,
          status: application.status,
          from_kato_code: application.fromKatoCode,
          from_region_code: application.fromRegionCode,
          applicant_iin: application.applicantIin,
          family_members: application.familyMembers,
          able_bodied_members: application.ableBodiedMembers,
          relocation_subsidy_tenge: application.relocationSubsidyTenge,
          monthly_rent_subsidy_tenge: application.monthlyRentSubsidyTenge,
          commitment_years: application.commitmentYears,
          created_at: application.createdAt,
          decided_at: application.decidedAt,
          reason: application.reason,
        }),
      },
      world.applications,
      onRows,
    );
    const { intentions, returns } = demoIntentionsAndReturns(createRandom(options.seed ^ INTENTIONS_STREAM), world.applications);
    const intended = await target.insert(INTENTION_ROWS, intentions, onRows);
    const returned = await target.insert(RETURN_ROWS, returns, onRows);
    return {
      'resettlement.application_intention': intended,
      'resettlement.resettlement_return': returned,
      'resettlement.region_resettlement': regions,
      'resettlement.resettlement_zone': zones,
      'resettlement.zone_quota': quotas,
      'resettlement.resettlement_application': applications,
    };
  },
};
