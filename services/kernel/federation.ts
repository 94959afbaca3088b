import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, specifiedDirectives, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, type NonEmptyArray } from 'type-graphql';
import { GeoJSONScalar } from './geo/graphql-types.js';

/** The federation directives a subgraph may use; one version for all four subgraphs. */
const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides"])';

type ResolverClass = new (...args: never[]) => unknown;
// biome-ignore lint/suspicious/noExplicitAny: Apollo and type-graphql type their resolver maps differently; both are "type name → field → resolver".
type ResolverMap = Record<string, any>;

export interface SubgraphSchemaOptions {
  resolvers: NonEmptyArray<ResolverClass>;
  /** Types no resolver returns directly, such as entity stubs of other subgraphs. */
  orphanedTypes?: ResolverClass[];
  /** `__resolveReference` per entity type; each one must go through a per-request DataLoader. */
  referenceResolvers: ResolverMap;
}

/**
 * The only place that knows how a type-graphql schema becomes an Apollo subgraph schema:
 * type-graphql prints the SDL with the `@key`/`@requires` directives declared on the classes,
 * `buildSubgraphSchema` adds `_entities`/`_service`, and the reference resolvers are merged in.
 */
export async function buildFederatedSchema(options: SubgraphSchemaOptions): Promise<GraphQLSchema> {
  const typeGraphqlSchema = await buildSchema({
    resolvers: options.resolvers,
    orphanedTypes: options.orphanedTypes,
    directives: [...specifiedDirectives],
    scalarsMap: [{ type: Object, scalar: GeoJSONScalar }],
    validate: false,
    skipCheck: true,
  });
  const resolvers = createResolversMap(typeGraphqlSchema) as ResolverMap;
  for (const [typeName, referenceResolver] of Object.entries(options.referenceResolvers)) {
    resolvers[typeName] = { ...resolvers[typeName], ...referenceResolver };
  }
  return buildSubgraphSchema({
    typeDefs: parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(typeGraphqlSchema)}`),
    resolvers,
  });
}
