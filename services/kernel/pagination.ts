import { Directive, Field, Float, Int, ObjectType, type ClassType } from 'type-graphql';
import { parsePageSize } from './arguments.js';
import { BadInput } from './errors.js';
import { loadConfig } from './config.js';

/** Relay cursor connections with opaque keyset cursors (the sort key values of the last row). */
@ObjectType()
@Directive('@shareable')
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => Boolean)
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

export type CursorKey = (string | number)[];

function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

function decodeCursor(cursor: string, argument = 'after'): CursorKey {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(key) && key.every((part) => typeof part === 'string' || typeof part === 'number')) return key;
  } catch {
    // fall through to the typed error
  }
  throw new BadInput(argument, 'is not a cursor returned by this API');
}

export interface PageRequest {
  first: number;
  after: CursorKey | null;
}

/** `first` defaults to DEFAULT_PAGE_SIZE and may not exceed MAX_PAGE_SIZE (docs/architecture.md §6). */
export function pageRequest(first: number | null | undefined, after: string | null | undefined, defaultSize?: number): PageRequest {
  const size = parsePageSize(first ?? defaultSize ?? loadConfig().DEFAULT_PAGE_SIZE);
  return { first: size, after: after ? decodeCursor(after) : null };
}

export interface Edge<Node> {
  node: Node;
  cursor: string;
  distanceKm?: number | null;
}

export interface Connection<Node> {
  edges: Edge<Node>[];
  pageInfo: PageInfo;
  totalCount: number | Promise<number>;
}

/**
 * Builds a connection from rows fetched with `limit first + 1`: the extra row only tells
 * whether another page exists. A count given as a function runs only if the client asks for
 * `totalCount` (it is read through a getter), so a page without it costs no count statement.
 */
export function toConnection<Row, Node>(
  rows: Row[],
  page: PageRequest,
  totalCount: number | (() => Promise<number>),
  edgeOf: (row: Row) => { node: Node; key: CursorKey; distanceKm?: number | null },
): Connection<Node> {
  // A cursor is encoded when a field asks for it: a 500-row page read for its nodes alone
  // (a map list, the fan-out) encoded 500 it never sent (docs/architecture.md §8).
  const edges = rows.slice(0, page.first).map(edgeOf).map(({ node, key, distanceKm }) => ({
    node,
    distanceKm,
    get cursor() {
      return encodeCursor(key);
    },
  }));
  let counted: Promise<number> | undefined;
  return {
    edges,
    get totalCount() {
      if (typeof totalCount === 'number') return totalCount;
      counted ??= totalCount();
      return counted;
    },
    pageInfo: {
      hasNextPage: rows.length > page.first,
      hasPreviousPage: page.after !== null,
      get startCursor() {
        return edges[0]?.cursor ?? null;
      },
      get endCursor() {
        return edges.at(-1)?.cursor ?? null;
      },
    },
  };
}

/** One Edge and Connection type per node type, named `<Node>Edge` / `<Node>Connection`. */
export function connectionTypes<Node extends object>(nodeType: ClassType<Node>, name: string) {
  @ObjectType(`${name}Edge`)
  class NodeEdge {
    @Field(() => nodeType)
    node!: Node;

    @Field(() => String)
    cursor!: string;

    @Field(() => Float, { nullable: true, description: 'Distance from the searched point or area, when the query has one.' })
    distanceKm?: number | null;
  }

  @ObjectType(`${name}Connection`)
  class NodeConnection {
    @Field(() => [NodeEdge])
    edges!: NodeEdge[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'Rows matching the query across all pages.' })
    totalCount!: number;
  }

  return { NodeEdge, NodeConnection };
}
