import { randomUUID } from 'node:crypto';
import type { EntityManager } from '../../kernel/db.js';
import { BadInput, Conflict, NotFound } from '../../kernel/errors.js';
import type { ResettlementApplication } from '../entities/resettlement-application.entity.js';
import { APPLICATION_COLUMNS, toApplication, type ApplicationRow } from './application-rows.js';
import { ApplicationStatus, Decision, ResettlementRole } from '../graphql/enums.js';
import { APPLICATION_DECIDED, acceptedFamilies, recordQuotaChanged } from './zones.query.js';
import { pgArray } from '../../kernel/db.js';
import type { WorkSector } from '../../kernel/domain/work-sectors.js';
import { runSql, bound } from '../../kernel/sql.js';

/** The `applicationDecided` payload: which application, and whose (only that citizen is told). */
export interface ApplicationDecidedEvent {
  applicationId: string;
  applicantIin: string;
}

/** An application as validated by the resolver: shapes and ranges are right, the database is not asked yet. */
export interface NewApplication {
  zoneId: string;
  /** One per able-bodied member, in order; empty when the family did not say. */
  intendedWork: { sector: WorkSector; occupationCode: string | null }[];
  year: number;
  fromKatoCode: string;
  fromRegionCode: string;
  familyMembers: number;
  ableBodiedMembers: number;
  applicantIin: string;
  relocationSubsidyTenge: number;
  monthlyRentSubsidyTenge: number;
  commitmentYears: number;
}

export interface ApplicationDecision {
  id: string;
  decision: Decision;
  reason: string | null;
}

/**
 * Files a PENDING application in one transaction: the zone and both regions' roles of that year
 * are read in one statement, then the row is inserted. A second open application of the same
 * citizen and year is refused by the partial unique index (`on conflict do nothing`), so two
 * concurrent requests cannot both pass a check and both insert.
 */
export function fileApplication(em: EntityManager, application: NewApplication): Promise<ResettlementApplication> {
  return em.transactional(async (tx) => {
    const [facts] = await runSql<{ zone_region_role: ResettlementRole | null; from_region_role: ResettlementRole | null; has_year: boolean }>(tx, bound(
      `select zone_role.role as zone_region_role, from_role.role as from_region_role,
              exists (select 1 from resettlement.region_resettlement r where r.year = ?) as has_year
         from resettlement.resettlement_zone z
         left join resettlement.region_resettlement zone_role on zone_role.region_code = z.region_code and zone_role.year = ?
         left join resettlement.region_resettlement from_role on from_role.region_code = ? and from_role.year = ?
        where z.id = ?`,
      application.year, application.year, application.fromRegionCode, application.year, application.zoneId,
    ));
    if (!facts) throw new NotFound('resettlement zone', application.zoneId);
    if (!facts.has_year) throw new BadInput('input.year', `the resettlement programme has no regional data for ${application.year}`);
    if (facts.zone_region_role !== ResettlementRole.RECIPIENT) {
      throw new BadInput('input.zoneId', `the zone is not in a recipient region in ${application.year}`);
    }
    if (facts.from_region_role !== ResettlementRole.DONOR) {
      throw new BadInput('input.fromKatoCode', `${application.fromRegionCode} is not a donor region in ${application.year}`);
    }
    const [row] = await runSql<ApplicationRow>(tx, bound(
      `insert into resettlement.resettlement_application as a
              (id, zone_id, year, status, from_kato_code, from_region_code, applicant_iin, family_members, able_bodied_members,
               relocation_subsidy_tenge, monthly_rent_subsidy_tenge, commitment_years)
       values (?, ?, ?, 'PENDING', ?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (applicant_iin, year) where status in ('PENDING', 'ACCEPTED') do nothing
       returning ${APPLICATION_COLUMNS}`,
      randomUUID(),
      application.zoneId,
      application.year,
      application.fromKatoCode,
      application.fromRegionCode,
      application.applicantIin,
      application.familyMembers,
      application.ableBodiedMembers,
      application.relocationSubsidyTenge,
      application.monthlyRentSubsidyTenge,
      application.commitmentYears,
    ));
    if (!row) throw new Conflict(`the applicant already has a pending or accepted application for ${application.year}`);
    if (application.intendedWork.length > 0) {
      await runSql(tx, bound(
        `insert into resettlement.application_intention (application_id, member, sector, occupation_code)
         select ?, w.member, w.sector, nullif(w.occupation_code, '')
           from unnest(?::int[], ?::text[], ?::text[]) as w (member, sector, occupation_code)`,
        row.id,
        pgArray(application.intendedWork.map((_, index) => index + 1)),
        pgArray(application.intendedWork.map((work) => work.sector)),
        pgArray(application.intendedWork.map((work) => work.occupationCode ?? '')),
      ));
    }
    return toApplication(row);
  });
}

/**
 * Decides a PENDING application. The application row is locked first (two decisions on one
 * application: the second sees it decided), then, for an acceptance, the zone's quota row of
 * that year: every acceptance in a zone and year queues on that lock and counts the accepted
 * families only once it holds it, so concurrent acceptances can never overfill the quota.
 */
export function decideApplication(em: EntityManager, decision: ApplicationDecision): Promise<ResettlementApplication> {
  return em.transactional(async (tx) => {
    const [application] = await runSql<{ zone_id: string; year: number; status: ApplicationStatus }>(tx, bound(
      'select zone_id, year, status from resettlement.resettlement_application where id = ? for update',
      decision.id,
    ));
    if (!application) throw new NotFound('resettlement application', decision.id);
    if (application.status !== ApplicationStatus.PENDING) {
      throw new Conflict(`the application is already ${application.status.toLowerCase()}; only a pending one can be decided`);
    }
    if (decision.decision === Decision.ACCEPT) {
      const [quota] = await runSql<{ families: number }>(tx, bound(
        'select families from resettlement.zone_quota where zone_id = ? and year = ? for update',
        application.zone_id, application.year,
      ));
      if (!quota) throw new Conflict(`the zone has no quota for ${application.year}`);
      if ((await acceptedFamilies(tx, application.zone_id, application.year)) >= quota.families) {
        throw new Conflict(`the zone's quota for ${application.year} is full (${quota.families} families)`);
      }
    }
    // The row is locked by this transaction since the first statement: the update finds it.
    const [row] = await runSql<ApplicationRow>(tx, bound(
      `update resettlement.resettlement_application a
          set status = ?, reason = ?, decided_at = now()
        where a.id = ?
        returning ${APPLICATION_COLUMNS}`,
      decision.decision === Decision.ACCEPT ? ApplicationStatus.ACCEPTED : ApplicationStatus.REJECTED, decision.reason, decision.id,
    ));
    // The events commit with the decision, or not at all.
    await runSql(tx, bound(
      `insert into resettlement.outbox (topic, payload)
       select '${APPLICATION_DECIDED}', jsonb_build_object('applicationId', a.id, 'applicantIin', a.applicant_iin)
         from resettlement.resettlement_application a where a.id = ?`,
      decision.id,
    ));
    if (decision.decision === Decision.ACCEPT) await recordQuotaChanged(tx, application.zone_id);
    return toApplication(row!);
  });
}
