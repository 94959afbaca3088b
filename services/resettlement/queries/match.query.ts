import { pgArray, type EntityManager } from '../../kernel/db.js';
import { BadInput, Conflict, NotFound } from '../../kernel/errors.js';
import type { WorkSector } from '../../kernel/domain/work-sectors.js';
import { runSql, bound } from '../../kernel/sql.js';

/**
 * Whose intentions a match counts: the applications to one zone, to the zones of some regions,
 * in a year. Pending and accepted applications count (they are who is moving or about to);
 * rejected ones do not.
 */
export interface ApplicantScope {
  zoneId: string | null;
  regionCodes: string[];
  year: number;
}

export const applicantScopeKey = (scope: ApplicantScope): string => JSON.stringify([scope.zoneId, scope.regionCodes, scope.year]);

export interface SectorIntentions {
  key: string;
  sector: WorkSector;
  members: number;
}

/** Intending members per sector for every scope of the request, in one statement. */
export async function intentionsBySector(em: EntityManager, keys: readonly string[]): Promise<SectorIntentions[]> {
  const scopes = keys.map((key) => JSON.parse(key) as [string | null, string[], number]);
  return runSql<SectorIntentions>(em, bound(
    `select q.key, i.sector, count(*)::int as members
       from unnest(?::text[], ?::text[], ?::text[], ?::int[]) as q (key, zone_id, region_codes, year)
       join resettlement.resettlement_application a
         on a.year = q.year and a.status in ('PENDING', 'ACCEPTED')
        and (case when q.zone_id <> '' then a.zone_id = q.zone_id::uuid
                  else a.zone_id in (select z.id from resettlement.resettlement_zone z
                                      where z.region_code = any(string_to_array(q.region_codes, ','))) end)
       join resettlement.application_intention i on i.application_id = a.id
      group by q.key, i.sector`,
    pgArray(keys),
    pgArray(scopes.map(([zoneId]) => zoneId ?? '')),
    pgArray(scopes.map(([, regionCodes]) => regionCodes.join(','))),
    pgArray(scopes.map(([, , year]) => year)),
  ));
}

/** Whose return rate: one zone or every zone, one year or all years. */
export interface ReturnScope {
  zoneId: string | null;
  year: number | null;
}

export const returnScopeKey = (scope: ReturnScope): string => `${scope.zoneId ?? ''}|${scope.year ?? ''}`;

export interface ReturnFigures {
  key: string;
  resettledPersons: number;
  returnedPersons: number;
}

/** Resettled and returned persons for every scope of the request, in one statement. */
export async function returnFigures(em: EntityManager, keys: readonly string[]): Promise<ReturnFigures[]> {
  const scopes = keys.map((key) => key.split('|'));
  const rows = await runSql<{ key: string; resettled: number; returned: number }>(em, bound(
    `select q.key, coalesce(sum(a.family_members), 0)::int as resettled, coalesce(sum(r.members), 0)::int as returned
       from unnest(?::text[], ?::text[], ?::text[]) as q (key, zone_id, year)
       left join resettlement.resettlement_application a
         on a.status = 'ACCEPTED' and (q.zone_id = '' or a.zone_id = q.zone_id::uuid) and (q.year = '' or a.year = q.year::int)
       left join resettlement.resettlement_return r on r.application_id = a.id
      group by q.key`,
    pgArray(keys), pgArray(scopes.map(([zoneId]) => zoneId!)), pgArray(scopes.map(([, year]) => year!)),
  ));
  return rows.map((row) => ({ key: row.key, resettledPersons: row.resettled, returnedPersons: row.returned }));
}

export interface NewReturn {
  applicationId: string;
  returnedOn: string;
  members: number;
}

/**
 * Records a family's return in one transaction: only an ACCEPTED application (a family that
 * moved), not before its decision, with at most its members; a second return of the same family
 * is a CONFLICT (the primary key, not a check-then-insert).
 */
export function recordReturn(em: EntityManager, record: NewReturn): Promise<NewReturn> {
  return em.transactional(async (tx) => {
    const [application] = await runSql<{ status: string; family_members: number; decided_on: string | null }>(tx, bound(
      `select status, family_members, to_char(decided_at at time zone 'Asia/Almaty', 'YYYY-MM-DD') as decided_on
         from resettlement.resettlement_application where id = ? for update`,
      record.applicationId,
    ));
    if (!application) throw new NotFound('resettlement application', record.applicationId);
    if (application.status !== 'ACCEPTED') throw new Conflict(`the application is ${application.status.toLowerCase()}; only an accepted family can return`);
    if (record.members > application.family_members) {
      throw new BadInput('members', `the family has ${application.family_members} members; ${record.members} cannot have returned`);
    }
    if (application.decided_on && record.returnedOn < application.decided_on) {
      throw new BadInput('returnedOn', `the application was accepted on ${application.decided_on}; the family cannot have returned before`);
    }
    const inserted = await runSql<{ application_id: string }>(tx, bound(
      `insert into resettlement.resettlement_return (application_id, returned_on, members) values (?, ?::date, ?)
       on conflict (application_id) do nothing returning application_id`,
      record.applicationId, record.returnedOn, record.members,
    ));
    if (inserted.length === 0) throw new Conflict('a return of this family is already recorded');
    return record;
  });
}

export interface IntentionRow {
  applicationId: string;
  member: number;
  sector: WorkSector;
  occupationCode: string | null;
}

/** The stated intentions of many applications in one statement, by member. */
export async function intentionsOfApplications(em: EntityManager, applicationIds: readonly string[]): Promise<IntentionRow[]> {
  const rows = await runSql<{ application_id: string; member: number; sector: WorkSector; occupation_code: string | null }>(em, bound(
    `select application_id, member, sector, occupation_code from resettlement.application_intention
      where application_id = any(?::uuid[]) order by application_id, member`,
    pgArray(applicationIds),
  ));
  return rows.map((row) => ({ applicationId: row.application_id, member: row.member, sector: row.sector, occupationCode: row.occupation_code }));
}

/** Recorded returns of many applications in one statement. */
export async function returnsOfApplications(em: EntityManager, applicationIds: readonly string[]): Promise<NewReturn[]> {
  const rows = await runSql<{ application_id: string; returned_on: string; members: number }>(em, bound(
    `select application_id, to_char(returned_on, 'YYYY-MM-DD') as returned_on, members from resettlement.resettlement_return
      where application_id = any(?::uuid[])`,
    pgArray(applicationIds),
  ));
  return rows.map((row) => ({ applicationId: row.application_id, returnedOn: row.returned_on, members: row.members }));
}
