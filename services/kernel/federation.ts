import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import {
  getNamedType,
  GraphQLList,
  GraphQLNonNull,
  isObjectType,
  isScalarType,
  parse,
  specifiedDirectives,
  type GraphQLFieldResolver,
  type GraphQLObjectType,
  type GraphQLSchema,
  type GraphQLType,
} from 'graphql';
import { BadInput, DomainError, echo } from './errors.js';
import { buildSchema, createResolversMap, type NonEmptyArray, type PubSub } from 'type-graphql';
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
  /**
   * Checks of a representation beyond the types of its fields, by entity type: the limits its
   * fields would have as arguments (a zone's area used as a search area obeys the polygon limits).
   */
  representationChecks?: Record<string, (representation: Representation, argument: string) => void>;
}

export type Representation = Record<string, unknown> & { __typename: string };

/**
 * type-graphql insists on a PubSub once a schema has a subscription, even when every one brings
 * its own `subscribe` (ours read the subgraph's outbox through `kernel/events/subscription.ts`):
 * topic-based subscriptions are not used here, and this says so if one is ever declared.
 */
const NO_TOPIC_SUBSCRIPTIONS: PubSub = {
  publish: () => {
    throw new Error('subscriptions read the outbox (kernel/events): declare them with subscribe, not topics');
  },
  subscribe: () => {
    throw new Error('subscriptions read the outbox (kernel/events): declare them with subscribe, not topics');
  },
};

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
    pubSub: NO_TOPIC_SUBSCRIPTIONS,
    validate: false,
    skipCheck: true,
  });
  const resolvers = createResolversMap(typeGraphqlSchema) as ResolverMap;
  for (const [typeName, referenceResolver] of Object.entries(options.referenceResolvers)) {
    resolvers[typeName] = { ...resolvers[typeName], ...referenceResolver };
  }
  const schema = buildSubgraphSchema({
    typeDefs: parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(typeGraphqlSchema)}`),
    resolvers,
  });
  checkRepresentations(schema, options.representationChecks ?? {});
  return schema;
}

function unwrapNonNull(type: GraphQLType): GraphQLType {
  return type instanceof GraphQLNonNull ? type.ofType : type;
}

/** A representation's fields coerced like arguments of their declared types; the first problem as BadInput. */
function checkedRepresentation(
  schema: GraphQLSchema,
  entities: ReadonlySet<string>,
  checks: NonNullable<SubgraphSchemaOptions['representationChecks']>,
  value: unknown,
  argument: string,
): Representation | DomainError {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return new BadInput(argument, 'must be an object with a __typename');
  const { __typename: typename, ...fields } = value as Record<string, unknown>;
  if (typeof typename !== 'string' || !entities.has(typename)) {
    return new BadInput(`${argument}.__typename`, `${echo(typename)} is not an entity type of this subgraph`);
  }
  const type = schema.getType(typename) as GraphQLObjectType;
  const representation: Representation = { __typename: typename };
  for (const [name, fieldValue] of Object.entries(fields)) {
    const field = type.getFields()[name];
    if (!field) return new BadInput(`${argument}.${echo(name)}`, `is not a field of ${typename}`);
    const fieldType = unwrapNonNull(field.type);
    const named = getNamedType(fieldType);
    let coerced = fieldValue;
    if (fieldValue !== null && isScalarType(named) && !(fieldType instanceof GraphQLList)) {
      try {
        coerced = named.parseValue(fieldValue);
      } catch (error) {
        return new BadInput(`${argument}.${name}`, error instanceof BadInput ? error.reason : `is not a valid ${named.name}`);
      }
    } else if (fieldValue !== null && isObjectType(named) && (typeof fieldValue !== 'object' || Array.isArray(fieldValue) !== fieldType instanceof GraphQLList)) {
      return new BadInput(`${argument}.${name}`, `must be ${fieldType instanceof GraphQLList ? 'a list' : 'an object'}`);
    }
    representation[name] = coerced;
  }
  try {
    checks[typename]?.(representation, argument);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  return representation;
}

/**
 * `_entities` takes `[_Any!]!`, which GraphQL does not check at all: anyone who can reach a
 * subgraph may send any representation. Each one is checked like an argument before the
 * reference resolvers see it; a refused one becomes the error of its own entry (path
 * `_entities.N`) and the others still resolve (issue 17).
 */
function checkRepresentations(schema: GraphQLSchema, checks: NonNullable<SubgraphSchemaOptions['representationChecks']>): void {
  const field = schema.getQueryType()?.getFields()._entities;
  const union = schema.getType('_Entity');
  if (!field?.resolve || !union || !('getTypes' in union)) return;
  const entities = new Set((union.getTypes() as GraphQLObjectType[]).map((type) => type.name));
  const resolveEntities: GraphQLFieldResolver<unknown, unknown> = field.resolve;
  field.resolve = async (source, args: { representations: unknown[] }, context, info) => {
    const checked = args.representations.map((value, index) => checkedRepresentation(schema, entities, checks, value, `representations.${index}`));
    const valid = checked.filter((entry): entry is Representation => !(entry instanceof Error));
    const resolved = valid.length > 0 ? ((await resolveEntities(source, { ...args, representations: valid }, context, info)) as unknown[]) : [];
    let next = 0;
    return checked.map((entry) => (entry instanceof Error ? entry : resolved[next++]));
  };
}
