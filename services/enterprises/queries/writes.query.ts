import { randomUUID } from 'node:crypto';
import { pgArray, type EntityManager } from '../../kernel/db.js';
import { BadInput, Conflict } from '../../kernel/errors.js';
import type { Enterprise } from '../entities/enterprise.entity.js';
import { Inspection, type InspectionKind } from '../entities/inspection.entity.js';
import { LaborRelationsDeclaration } from '../entities/labor-relations-declaration.entity.js';
import type { Assessment, Declaration, NewEnterprise, NewInspection } from '../graphql/mutation-inputs.js';
import { ENTERPRISE_COLUMNS, toEnterprise, type EnterpriseRow } from './enterprise-rows.js';
import { todayInKazakhstan } from '../../kernel/domain/calendar.js';
import { recomputeEnterpriseFigures } from './figures.query.js';
import { bound, runSql } from '../../kernel/sql.js';

/**
 * The subgraph's writes, each one transaction. Inputs arrive validated (graphql/mutation-inputs.ts);
 * what needs the data (the location's region, a taken BIN, a replayed key) is decided here.
 */

/**
 * Registers an enterprise. The location is checked against this subgraph's own copy of the
 * region boundaries (enterprises.region_boundary, see its migration): a point in no region is
 * outside Kazakhstan, a point in another region contradicts the KATO code. Boundaries are
 * subdivided, so a point on a shared border may hit both regions; it passes if one is the KATO's.
 */
export function registerEnterprise(em: EntityManager, enterprise: NewEnterprise): Promise<Enterprise> {
  return em.transactional(async (tx) => {
    const regions = await runSql<{ region_code: string }>(tx, bound(
      `select distinct region_code from enterprises.region_boundary
        where ST_Intersects(geom, ST_SetSRID(ST_MakePoint(?, ?), 4326))`,
      enterprise.location.lon, enterprise.location.lat,
    ));
    if (regions.length === 0) {
      // A database migrated after its seed ran has no boundaries yet: say so rather than
      // calling every point foreign.
      const [loaded] = await runSql<{ any: boolean }>(tx, bound('select exists (select 1 from enterprises.region_boundary) as any'));
      if (!loaded?.any) throw new Error('enterprises.region_boundary is empty: run `npm run seed` to load the region boundaries');
      throw new BadInput('input.location', 'lies outside Kazakhstan');
    }
    if (!regions.some((region) => region.region_code === enterprise.regionCode)) {
      throw new BadInput('input.location', `lies in ${regions[0]!.region_code}, not in ${enterprise.regionCode} of the KATO code`);
    }
    const [row] = await runSql<EnterpriseRow>(tx, bound(
      `insert into enterprises.enterprise as e (id, bin, name, oked_code, address, kato_code, region_code, location, figures_as_of)
       values (?, ?, ?, ?, ?, ?, ?, ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography, ?::date)
       on conflict (bin) do nothing
       returning ${ENTERPRISE_COLUMNS}`,
      randomUUID(),
      enterprise.bin,
      enterprise.name,
      enterprise.okedCode,
      enterprise.address,
      enterprise.katoCode,
      enterprise.regionCode,
      enterprise.location.lon,
      enterprise.location.lat,
      todayInKazakhstan(),
    ));
    if (!row) throw new Conflict(`an enterprise with BIN ${enterprise.bin} is already registered`);
    return toEnterprise(row);
  });
}

export interface DeclarationRow {
  id: string;
  enterprise_id: string;
  idempotency_key: string;
  body_hash: string;
  reporting_date: string;
  declared_at: string;
  contracts_count: number;
}

export const DECLARATION_COLUMNS = `d.id, d.enterprise_id, d.idempotency_key, d.body_hash, d.reporting_date::text as reporting_date,
  to_json(d.declared_at) #>> '{}' as declared_at, d.contracts_count`;

export function toDeclaration(row: DeclarationRow): LaborRelationsDeclaration {
  return Object.assign(new LaborRelationsDeclaration(), {
    id: row.id,
    enterpriseId: row.enterprise_id,
    idempotencyKey: row.idempotency_key,
    bodyHash: row.body_hash,
    reportingDate: row.reporting_date,
    declaredAt: row.declared_at,
    contractsCount: row.contracts_count,
  });
}

/**
 * Replaces the enterprise's declared contracts with the declaration's, and recomputes the card,
 * in one transaction. Declarations of one enterprise queue on its row lock, so they apply one
 * after the other, and `declared_at` is read from the clock once the lock is held (never `now()`,
 * the transaction's start, which precedes the wait): the last declaration to commit is the newest,
 * hence the declared state. Idempotency rests on the unique (enterprise_id, idempotency_key): the
 * insert is `on conflict do nothing`, so of any number of simultaneous identical calls exactly one
 * writes and the others, once it has committed, read its row (same body hash: the first result;
 * another hash: CONFLICT). The constraint, not the lock, is what guarantees one row per key.
 */
export function declareLaborRelations(em: EntityManager, enterprise: Enterprise, declaration: Declaration): Promise<LaborRelationsDeclaration> {
  return em.transactional(async (tx) => {
    // Before the insert: its foreign key takes a share lock on the enterprise row, and two
    // transactions each holding one while waiting to upgrade would deadlock.
    await runSql(tx, bound('select 1 from enterprises.enterprise where id = ? for update', enterprise.id));
    // declared_at keeps milliseconds: a declaration within the same millisecond as the previous
    // one is placed a millisecond after it, so "newest first" never ties.
    const [inserted] = await runSql<DeclarationRow>(tx, bound(
      `insert into enterprises.labor_relations_declaration as d
              (id, enterprise_id, idempotency_key, body_hash, reporting_date, contracts_count, declared_at)
       values (?, ?, ?, ?, ?::date, ?,
               greatest(clock_timestamp(),
                        (select max(p.declared_at) + interval '1 millisecond'
                           from enterprises.labor_relations_declaration p where p.enterprise_id = ?)))
       on conflict (enterprise_id, idempotency_key) do nothing
       returning ${DECLARATION_COLUMNS}`,
      randomUUID(),
      enterprise.id,
      declaration.idempotencyKey,
      declaration.bodyHash,
      declaration.reportingDate,
      declaration.contracts.length,
      enterprise.id,
    ));
    if (!inserted) {
      const [first] = await runSql<DeclarationRow>(tx, bound(
        `select ${DECLARATION_COLUMNS} from enterprises.labor_relations_declaration d where d.enterprise_id = ? and d.idempotency_key = ?`,
        enterprise.id, declaration.idempotencyKey,
      ));
      if (!first) throw new Error(`declaration ${declaration.idempotencyKey} of ${enterprise.id} vanished after a key conflict`);
      if (first.body_hash !== declaration.bodyHash) {
        throw new Conflict('idempotencyKey was already used for a declaration with another body');
      }
      return toDeclaration(first);
    }
    // The previous set stays readable through its declaration (migration SupersededContracts).
    await runSql(tx, bound(
      `with superseded as (delete from enterprises.employment_contract where enterprise_id = ? returning *)
       insert into enterprises.superseded_contract
              (id, enterprise_id, declaration_id, iin, occupation_code, workplace_code, contract_type, monthly_salary_tenge,
               start_date, end_date, weekly_hours)
       select id, enterprise_id, declaration_id, iin, occupation_code, workplace_code, contract_type, monthly_salary_tenge,
              start_date, end_date, weekly_hours
         from superseded where declaration_id is not null`,
      enterprise.id,
    ));
    const { contracts } = declaration;
    if (contracts.length > 0) {
      // pgArray has no NULL element: '' travels as text and becomes null in SQL.
      await runSql(tx, bound(
        `insert into enterprises.employment_contract
                (enterprise_id, declaration_id, iin, occupation_code, workplace_code, contract_type, monthly_salary_tenge,
                 start_date, end_date, weekly_hours)
         select ?::uuid, ?::uuid, c.iin, c.occupation_code, nullif(c.workplace_code, ''), c.contract_type, c.salary,
                c.start_date::date, nullif(c.end_date, '')::date, c.weekly_hours
           from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::int[], ?::text[], ?::text[], ?::smallint[])
                as c(iin, occupation_code, workplace_code, contract_type, salary, start_date, end_date, weekly_hours)`,
        enterprise.id,
        inserted.id,
        pgArray(contracts.map((c) => c.iin)),
        pgArray(contracts.map((c) => c.occupationCode)),
        pgArray(contracts.map((c) => c.workplaceCode ?? '')),
        pgArray(contracts.map((c) => c.contractType)),
        pgArray(contracts.map((c) => c.monthlySalaryTenge)),
        pgArray(contracts.map((c) => c.startDate)),
        pgArray(contracts.map((c) => c.endDate ?? '')),
        pgArray(contracts.map((c) => c.weeklyHours)),
      ));
    }
    await recomputeEnterpriseFigures(tx, [enterprise.id], todayInKazakhstan());
    return toDeclaration(inserted);
  });
}

/** Outbox topics of this subgraph (payloads: `ConditionsChangedEvent`, `InspectionRecordedEvent`). */
export const WORKING_CONDITIONS_CHANGED = 'workingConditionsChanged';
export const INSPECTION_RECORDED = 'inspectionRecorded';

/** What a subscription needs to judge a card event without reading: where, and the class after the change. */
export interface ConditionsChangedEvent {
  enterpriseId: string;
  regionCode: string;
  lat: number;
  lon: number;
  hazardRank: number;
}

export interface InspectionRecordedEvent {
  id: string;
  enterpriseId: string;
  inspectedOn: string;
  kind: InspectionKind;
  violations: number;
  findings: string | null;
  regionCode: string;
  lat: number;
  lon: number;
}

/** The `workingConditionsChanged` payload of an enterprise row (alias `e`), after its figures were recomputed. */
const CONDITIONS_CHANGED_PAYLOAD = `jsonb_build_object('enterpriseId', e.id, 'regionCode', e.region_code,
  'lat', ST_Y(e.location::geometry), 'lon', ST_X(e.location::geometry), 'hazardRank', e.hazard_rank)`;

/**
 * Records an attestation: its workplaces become the current ones (the latest per code,
 * docs/domain.md §4) and the card is recomputed. Recording the same workplace on the same day again
 * corrects that result rather than failing.
 */
export function recordAssessment(em: EntityManager, enterprise: Enterprise, assessment: Assessment): Promise<void> {
  return em.transactional(async (tx) => {
    const { workplaces } = assessment;
    await runSql(tx, bound('select 1 from enterprises.enterprise where id = ? for update', enterprise.id));
    await runSql(tx, bound(
      `insert into enterprises.workplace_assessment (enterprise_id, code, title, occupation_code, class_rank, workers, assessed_on)
       select ?::uuid, w.code, w.title, w.occupation_code, w.class_rank, w.workers, ?::date
         from unnest(?::text[], ?::text[], ?::text[], ?::smallint[], ?::int[]) as w(code, title, occupation_code, class_rank, workers)
       on conflict (enterprise_id, code, assessed_on) do update
          set title = excluded.title, occupation_code = excluded.occupation_code,
              class_rank = excluded.class_rank, workers = excluded.workers`,
      enterprise.id,
      assessment.assessedOn,
      pgArray(workplaces.map((w) => w.code)),
      pgArray(workplaces.map((w) => w.title)),
      pgArray(workplaces.map((w) => w.occupationCode)),
      pgArray(workplaces.map((w) => w.classRank)),
      pgArray(workplaces.map((w) => w.workers)),
    ));
    await recomputeEnterpriseFigures(tx, [enterprise.id], todayInKazakhstan());
    // In the same transaction: no event for an attestation that did not commit.
    await runSql(tx, bound(
      `insert into enterprises.outbox (topic, payload)
       select '${WORKING_CONDITIONS_CHANGED}', ${CONDITIONS_CHANGED_PAYLOAD} from enterprises.enterprise e where e.id = ?`,
      enterprise.id,
    ));
  });
}

/** The inspection and both its events (the inspection itself, and the enterprise's conditions) in one statement. */
export function recordInspection(em: EntityManager, enterprise: Enterprise, inspection: NewInspection): Promise<Inspection> {
  return em.transactional(async (tx) => {
    const id = randomUUID();
    await runSql(tx, bound(
      `with recorded as (
         insert into enterprises.inspection (id, enterprise_id, inspected_on, kind, violations, findings)
         values (?, ?, ?::date, ?, ?, ?)
         returning id, enterprise_id, inspected_on, kind, violations, findings),
       inspection_event as (
         insert into enterprises.outbox (topic, payload)
         select '${INSPECTION_RECORDED}', jsonb_build_object('id', r.id, 'enterpriseId', r.enterprise_id, 'inspectedOn', r.inspected_on::text,
                  'kind', r.kind, 'violations', r.violations, 'findings', r.findings, 'regionCode', e.region_code,
                  'lat', ST_Y(e.location::geometry), 'lon', ST_X(e.location::geometry))
           from recorded r join enterprises.enterprise e on e.id = r.enterprise_id)
       insert into enterprises.outbox (topic, payload)
       select '${WORKING_CONDITIONS_CHANGED}', ${CONDITIONS_CHANGED_PAYLOAD}
         from recorded r join enterprises.enterprise e on e.id = r.enterprise_id`,
      id, enterprise.id, inspection.inspectedOn, inspection.kind, inspection.violations, inspection.findings,
    ));
    return Object.assign(new Inspection(), { id, enterpriseId: enterprise.id, ...inspection });
  });
}
