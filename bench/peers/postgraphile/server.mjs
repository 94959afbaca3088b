import { createServer } from 'node:http';
import PostgisPlugin from '@graphile/postgis';
import graphileUtils from 'graphile-utils';
import pg from 'pg';
import { postgraphile } from 'postgraphile';
import ConnectionFilterPlugin from 'postgraphile-plugin-connection-filter';
import ConnectionFilterPostgisPlugin from 'postgraphile-plugin-connection-filter-postgis';

const { embed, gql, makeExtendSchemaPlugin, makeJSONPgSmartTagsPlugin } = graphileUtils;

/**
 * The benchmark peer: stock PostGraphile v4 over the same database the federation reads,
 * schemas `enterprises` and `regions`, read-only. PORT and DATABASE_URL from the environment;
 * `/ready` answers once the schema is built (the harness waits on it).
 */
const port = Number(process.env.PORT ?? 4110);
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('DATABASE_URL is required');

// Each subgraph owns its schema, so the database has no foreign key from enterprise to region;
// a virtual one gives PostGraphile the `regionByRegionCode` join, compiled into the same statement.
// Every schema has its own migrations table, whose GraphQL names would clash.
const SmartTagsPlugin = makeJSONPgSmartTagsPlugin({
  version: 1,
  config: {
    class: {
      'enterprises.enterprise': { tags: { foreignKey: '(region_code) references regions.region (code)' } },
      'enterprises.mikro_orm_migrations': { tags: { omit: true } },
      'regions.mikro_orm_migrations': { tags: { omit: true } },
    },
  },
});

// The connection-filter PostGIS operators have no distance predicate (no ST_DWithin) and
// PostGraphile cannot order by distance to an argument, so "50 nearest within 50 km" is the
// documented v4 way of adding a query: a root field whose SQL PostGraphile still compiles
// (selection, region join) into one statement, with the same predicate and order as ours.
const NearPlugin = makeExtendSchemaPlugin((build) => {
  const { pgSql: sql } = build;
  const point = (args) => sql.fragment`ST_SetSRID(ST_MakePoint(${sql.value(args.lon)}, ${sql.value(args.lat)}), 4326)::geography`;
  return {
    typeDefs: gql`
      extend type Query {
        enterprisesNear(lat: Float!, lon: Float!, radiusKm: Float!, first: Int!): [Enterprise!]!
      }
      extend type Enterprise {
        distanceKm(lat: Float!, lon: Float!): Float!
          @pgQuery(fragment: ${embed((queryBuilder, args) => sql.fragment`ST_Distance(${queryBuilder.getTableAlias()}.location, ${point(args)}, false) / 1000`)})
      }
    `,
    resolvers: {
      Query: {
        enterprisesNear: (_parent, args, _context, resolveInfo) =>
          // The 50 nearest by the GiST index's KNN scan, then the radius (as our floor does):
          // the same rows, without sorting every enterprise of a big city by distance.
          resolveInfo.graphile.selectGraphQLResultFromTable(
            sql.fragment`(select * from enterprises.enterprise order by location <-> ${point(args)} limit ${sql.value(args.first)})`,
            (alias, queryBuilder) => {
              queryBuilder.where(sql.fragment`ST_DWithin(${alias}.location, ${point(args)}, ${sql.value(args.radiusKm * 1000)}, false)`);
              queryBuilder.orderBy(sql.fragment`${alias}.location <-> ${point(args)}`, true);
              queryBuilder.orderBy(sql.fragment`${alias}.id`, true);
              queryBuilder.limit(args.first);
            },
          ),
      },
    },
  };
});

// The session settings the federation's own pools use (services/kernel/db.ts): JIT off.
const pool = new pg.Pool({ connectionString: databaseUrl, options: '-c jit=off' });

const middleware = postgraphile(pool, ['enterprises', 'regions'], {
  // Some of these CommonJS packages export their plugin as `exports.default`.
  appendPlugins: [PostgisPlugin, ConnectionFilterPlugin, ConnectionFilterPostgisPlugin]
    .map((plugin) => plugin.default ?? plugin)
    .concat(SmartTagsPlugin, NearPlugin),
  disableDefaultMutations: true,
  dynamicJson: true,
  setofFunctionsContainNulls: false,
  graphiql: false,
  disableQueryLog: true,
  retryOnInitFail: false,
});

let ready = false;
middleware.getGraphQLSchema().then(() => {
  ready = true;
});

createServer((request, response) => {
  if (request.url === '/ready') {
    response.writeHead(ready ? 200 : 503, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ status: ready ? 'ready' : 'not ready' }));
    return;
  }
  middleware(request, response);
}).listen(port, '127.0.0.1', () => console.log(`postgraphile peer on http://127.0.0.1:${port}/graphql`));

process.once('SIGTERM', () => {
  middleware.release().finally(() => process.exit(0));
});
