import { pgArray, type EntityManager } from '../../kernel/db.js';
import { cursorKeyOf, keysetCondition, keysetOrder, orderByClause, sortColumns, sortKey, type SortedRow } from '../../kernel/keyset.js';
import { toConnection, type Connection, type PageRequest } from '../../kernel/pagination.js';
import { bound, sql, type SqlFragment, runSql } from '../../kernel/sql.js';
import type { DeclaredContractType, EmploymentContract } from '../entities/employment-contract.entity.js';
import type { LaborRelationsDeclaration } from '../entities/labor-relations-declaration.entity.js';
import { DECLARATION_COLUMNS, toDeclaration, type DeclarationRow } from './writes.query.js';

/**
 * Pages of per-parent lists (`Enterprise.declarations`, `LaborRelationsDeclaration.contracts`)
 * for many parents in one statement: each parent's count for `totalCount`, and its page after the
 * keyset through a lateral join that walks the parent's index.
 */

const NEWEST_DECLARATIONS = keysetOrder('DECLARED_DESC', 'desc', [sortKey('d.declared_at', 'timestamptz'), sortKey('d.id', 'uuid')]);
/** Contracts in declaration order; the id alone is the key, in both tables of the union. */
const CONTRACTS_IN_ORDER = keysetOrder('CONTRACT_ID', 'asc', [sortKey('id', 'bigint')]);

/** Rows of a `parent left join lateral page` statement by parent; a parent without rows has one all-null row. */
function groupPages<Row extends { parent: string; total: number }, Full extends Row>(
  rows: Row[],
  isRow: (row: Row) => row is Full,
): Map<string, { rows: Full[]; total: number }> {
  const groups = new Map<string, { rows: Full[]; total: number }>();
  for (const row of rows) {
    const group = groups.get(row.parent) ?? { rows: [], total: row.total };
    if (isRow(row)) group.rows.push(row);
    groups.set(row.parent, group);
  }
  return groups;
}

const andAfter = (keyset: SqlFragment | null): SqlFragment => (keyset ? sql(' and ', keyset) : sql());

/** Declarations of many enterprises, newest first. */
export async function declarationPages(
  em: EntityManager,
  enterpriseIds: readonly string[],
  page: PageRequest,
): Promise<Map<string, Connection<LaborRelationsDeclaration>>> {
  const keyset = keysetCondition(NEWEST_DECLARATIONS, page.after);
  const query = sql(
    `select parent.id as parent, parent.total, page.*
       from (select p.id, (select count(*) from enterprises.labor_relations_declaration where enterprise_id = p.id)::int as total
               from unnest(`,
    bound('?::uuid[]', pgArray(enterpriseIds)),
    `) as p(id)) parent
       left join lateral (
         select ${DECLARATION_COLUMNS}, `,
    sortColumns(NEWEST_DECLARATIONS),
    `  from enterprises.labor_relations_declaration d
          where d.enterprise_id = parent.id`,
    andAfter(keyset),
    ' order by ',
    orderByClause(NEWEST_DECLARATIONS),
    bound(' limit ?) page on true', page.first + 1),
  );
  type Row = Partial<DeclarationRow & SortedRow> & { parent: string; total: number };
  const rows = await runSql<Row>(em, query);
  const groups = groupPages(rows, (row): row is DeclarationRow & SortedRow & { parent: string; total: number } => row.id != null);
  return new Map(
    enterpriseIds.map((id) => {
      const { rows: own, total } = groups.get(id) ?? { rows: [], total: 0 };
      return [id, toConnection(own, page, total, (row) => ({ node: toDeclaration(row), key: cursorKeyOf(NEWEST_DECLARATIONS, row) }))];
    }),
  );
}

interface ContractRow {
  id: string;
  enterprise_id: string;
  enterprise_bin: string;
  iin: string;
  occupation_code: string;
  workplace_code: string | null;
  contract_type: DeclaredContractType;
  monthly_salary_tenge: number;
  start_date: string;
  end_date: string | null;
  weekly_hours: number;
}

const CONTRACT_FIELDS = `id, enterprise_id, iin, occupation_code, workplace_code, contract_type, monthly_salary_tenge,
  start_date, end_date, weekly_hours`;

/**
 * Contracts of many declarations, in declaration order: those in force, or, for a declaration a
 * later one replaced, those moved to `superseded_contract` (ids kept).
 */
export async function contractPages(
  em: EntityManager,
  declarationIds: readonly string[],
  page: PageRequest,
): Promise<Map<string, Connection<EmploymentContract>>> {
  const keyset = keysetCondition(CONTRACTS_IN_ORDER, page.after);
  const query = sql(
    `select parent.id as parent, parent.total, page.*
       from (select p.id, ((select count(*) from enterprises.employment_contract where declaration_id = p.id)
                          + (select count(*) from enterprises.superseded_contract where declaration_id = p.id))::int as total
               from unnest(`,
    bound('?::uuid[]', pgArray(declarationIds)),
    `) as p(id)) parent
       left join lateral (
         select c.id::text as id, c.enterprise_id, e.bin as enterprise_bin, c.iin, c.occupation_code, c.workplace_code,
                c.contract_type, c.monthly_salary_tenge, c.start_date::text as start_date, c.end_date::text as end_date, c.weekly_hours,
                c.id::text as sort_0
           from (select ${CONTRACT_FIELDS} from enterprises.employment_contract
                  where declaration_id = parent.id`,
    andAfter(keyset),
    `  union all
                 select ${CONTRACT_FIELDS} from enterprises.superseded_contract
                  where declaration_id = parent.id`,
    andAfter(keyset),
    `) c
           join enterprises.enterprise e on e.id = c.enterprise_id
          order by c.id`,
    bound(' limit ?) page on true', page.first + 1),
  );
  const rows = await runSql<(Partial<ContractRow & SortedRow> & { parent: string; total: number })>(em, query);
  const groups = groupPages(rows, (row): row is ContractRow & SortedRow & { parent: string; total: number } => row.id != null);
  return new Map(
    declarationIds.map((id) => {
      const { rows: own, total } = groups.get(id) ?? { rows: [], total: 0 };
      return [
        id,
        toConnection(own, page, total, (row) => ({
          node: {
            id: row.id,
            enterpriseId: row.enterprise_id,
            enterpriseBin: row.enterprise_bin,
            declarationId: id,
            iin: row.iin,
            occupationCode: row.occupation_code,
            workplaceCode: row.workplace_code,
            contractType: row.contract_type,
            monthlySalaryTenge: row.monthly_salary_tenge,
            startDate: row.start_date,
            endDate: row.end_date,
            weeklyHours: row.weekly_hours,
          } satisfies EmploymentContract,
          key: cursorKeyOf(CONTRACTS_IN_ORDER, row),
        })),
      ];
    }),
  );
}
