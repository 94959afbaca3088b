import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { parse, printSchema, type GraphQLSchema } from 'graphql';

export interface SubgraphSdl {
  name: string;
  sdl: string;
}

/**
 * Composition hints we accept on purpose, by code. Anything else fails `npm run schema` and the
 * staleness test, so a new hint is read by a person before it lands.
 */
const ACCEPTED_HINTS = new Set<string>([]);

export function printSubgraph(name: string, schema: GraphQLSchema): SubgraphSdl {
  return { name, sdl: printSubgraphSchema(schema) };
}

export class CompositionFailed extends Error {
  override readonly name = 'CompositionFailed';
}

export interface ComposedSchemas {
  /** What the gateway executes: types, fields and the subgraph each comes from. */
  supergraphSdl: string;
  /** What clients see: the schema frontends point their code generators at. */
  apiSdl: string;
}

/** Subgraph URLs in the artifact are placeholders: the gateway takes the real ones from config. */
export function composeSupergraph(subgraphs: SubgraphSdl[]): ComposedSchemas {
  const result = composeServices(
    subgraphs.map(({ name, sdl }) => ({ name, typeDefs: parse(sdl), url: `http://${name}:4000/graphql` })),
  );
  if (result.errors) throw new CompositionFailed(result.errors.map((error) => error.message).join('\n'));
  const unexpected = result.hints.filter((hint) => !ACCEPTED_HINTS.has(hint.definition.code));
  if (unexpected.length > 0) {
    throw new CompositionFailed(unexpected.map((hint) => `${hint.definition.code}: ${hint.message}`).join('\n'));
  }
  return { supergraphSdl: result.supergraphSdl, apiSdl: printSchema(result.schema.toAPISchema().toGraphQLJSSchema()) };
}
