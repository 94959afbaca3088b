import { pgArray, type EntityManager } from '../../kernel/db.js';
import type { Inspection, InspectionKind } from '../entities/inspection.entity.js';
import type { WorkplaceAssessment } from '../entities/workplace-assessment.entity.js';
import { classOfRank } from '../domain/class-rank.js';
import { CURRENT_WORKPLACES_SQL } from './figures.query.js';
import { bound, runSql } from '../../kernel/sql.js';

interface WorkplaceRow {
  id: string;
  enterprise_id: string;
  code: string;
  title: string;
  occupation_code: string;
  class_rank: number;
  workers: number;
  assessed_on: string;
}

/** Current workplace assessments of many enterprises, one statement. */
export async function currentWorkplaces(em: EntityManager, enterpriseIds: readonly string[]): Promise<WorkplaceAssessment[]> {
  const rows = await runSql<WorkplaceRow>(em, bound(CURRENT_WORKPLACES_SQL, pgArray(enterpriseIds)));
  return rows.map(
    (row): WorkplaceAssessment => ({
      id: row.id,
      enterpriseId: row.enterprise_id,
      code: row.code,
      title: row.title,
      occupationCode: row.occupation_code,
      classRank: row.class_rank,
      conditionsClass: classOfRank(row.class_rank),
      workers: row.workers,
      assessedOn: row.assessed_on,
    }),
  );
}

interface InspectionRow {
  id: string;
  enterprise_id: string;
  inspected_on: string;
  kind: InspectionKind;
  violations: number;
  findings: string | null;
}

/** Inspections of many enterprises, latest first, one statement. */
export async function inspectionsOf(em: EntityManager, enterpriseIds: readonly string[]): Promise<Inspection[]> {
  const rows = await runSql<InspectionRow>(em, bound(
    `select id, enterprise_id, inspected_on::text as inspected_on, kind, violations, findings
       from enterprises.inspection where enterprise_id = any(?::uuid[])
      order by enterprise_id, inspected_on desc, id`,
    pgArray(enterpriseIds),
  ));
  return rows.map(
    (row): Inspection => ({
      id: row.id,
      enterpriseId: row.enterprise_id,
      inspectedOn: row.inspected_on,
      kind: row.kind,
      violations: row.violations,
      findings: row.findings,
    }),
  );
}
