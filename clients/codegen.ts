import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * GraphQL Code Generator for a client of the Enterprise Map: the client preset against the
 * published contract, schema/api.graphql. Copy this file into a frontend (or import
 * `typedClientConfig`) and point `documents` at the operations it sends; `npm run codegen:check`
 * runs it on the README's operations and type-checks the result with `tsc --strict`.
 */

/** The API's custom scalars as TypeScript sees them; `strictScalars` fails on any other. */
const SCALARS = {
  /** ISO 8601 calendar date, `2026-11-20`. */
  Date: { input: 'string', output: 'string' },
  /** ISO 8601 instant with time zone, `2026-11-20T09:30:00.000Z`. */
  DateTime: { input: 'string', output: 'string' },
  /** A whole number within ±(2^53 − 1), for money totals past GraphQL's 32-bit Int (investments in tenge). */
  SafeInt: { input: 'number', output: 'number' },
  /** An RFC 7946 geometry object (lon/lat, WGS84): boundaries, zone areas, polygon areas. */
  GeoJSON: { input: "import('geojson').Geometry", output: "import('geojson').Geometry" },
} as const;

export function typedClientConfig(options: { schema: string; documents: string | string[]; outputDirectory: string }): CodegenConfig {
  return {
    overwrite: true,
    schema: options.schema,
    documents: options.documents,
    ignoreNoDocuments: false,
    generates: {
      [options.outputDirectory.endsWith('/') ? options.outputDirectory : `${options.outputDirectory}/`]: {
        preset: 'client',
        presetConfig: { fragmentMasking: false },
        config: {
          scalars: SCALARS,
          strictScalars: true,
          // Union types of string literals instead of TypeScript enums: no runtime code, and
          // the values are the API's own (`'HARMFUL_3_1'`).
          enumsAsTypes: true,
          useTypeImports: true,
          // Ask what the schema says can be null: a protected field is null for a refused caller.
          avoidOptionals: false,
        },
      },
    },
  };
}

/** A frontend's setup: operations in its sources, the client in src/gql/. */
export default typedClientConfig({
  schema: 'schema/api.graphql',
  documents: ['src/**/*.{ts,tsx,graphql}'],
  outputDirectory: 'src/gql/',
});
