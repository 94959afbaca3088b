import type { EntityManager } from '@mikro-orm/postgresql';

/** A piece of SQL with its bound parameters, in the order of its `?` placeholders. */
export interface SqlFragment {
  sql: string;
  params: unknown[];
}

/**
 * Concatenates SQL text and bound parameters in order, so a statement assembled from optional
 * pieces keeps each `?` next to its value. Strings are SQL written in our code, never input.
 */
export function sql(...parts: (string | SqlFragment)[]): SqlFragment {
  return {
    sql: parts.map((part) => (typeof part === 'string' ? part : part.sql)).join(''),
    params: parts.flatMap((part) => (typeof part === 'string' ? [] : part.params)),
  };
}

export function bound(text: string, ...params: unknown[]): SqlFragment {
  return { sql: text, params };
}

export function joinSql(fragments: SqlFragment[], separator: string): SqlFragment {
  return { sql: fragments.map((fragment) => fragment.sql).join(separator), params: fragments.flatMap((fragment) => fragment.params) };
}

/** `true` for no conditions, so callers can always write `where ${conditions}`. */
export function allOf(conditions: SqlFragment[]): SqlFragment {
  return conditions.length === 0 ? bound('true') : joinSql(conditions.map((condition) => sql('(', condition, ')')), ' and ');
}

/**
 * The one way a subgraph sends a statement (docs/architecture.md §15): a fragment of bound
 * parameters, run through the EntityManager so the request's transaction (inside
 * `em.transactional`) and the statement counter apply. `Row` is the statement's row type,
 * written once per table beside the query module that reads it.
 */
export async function runSql<Row>(em: EntityManager, statement: SqlFragment): Promise<Row[]> {
  // MikroORM types a raw result as entity data; the statement's own row type is the caller's.
  return (await em.execute(statement.sql, statement.params)) as Row[];
}
