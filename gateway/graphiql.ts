import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { HttpRoutes, StaticAsset } from '../services/kernel/http.js';

/**
 * GraphiQL served from the installed packages, so the GraphQL page works on an offline machine
 * (the Apollo landing page and Hive's GraphiQL load theirs from a CDN), with a fetcher that also
 * runs subscriptions.
 */
const require = createRequire(import.meta.url);


/** Files inside a package, found from its package.json (the bundles are not in its exports). */
const asset = (packageName: string, file: string, contentType: string): StaticAsset => ({
  contentType,
  body: readFileSync(join(dirname(require.resolve(`${packageName}/package.json`)), file)),
});

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Enterprise Map — GraphiQL</title>
  <link rel="stylesheet" href="/graphiql/graphiql.min.css">
  <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
  <div id="graphiql">Loading…</div>
  <script src="/graphiql/react.production.min.js"></script>
  <script src="/graphiql/react-dom.production.min.js"></script>
  <script src="/graphiql/graphiql.min.js"></script>
  <script src="/graphiql/graphql-sse.min.js"></script>
  <script>
    // Queries and mutations over HTTP; subscriptions over GraphQL-over-SSE (graphql-sse, one
    // stream per subscription) with the same headers, so a token pasted below reaches both.
    const url = window.location.origin + '/graphql';
    const http = GraphiQL.createFetcher({ url });
    // The operation's keyword: the named one's, or the first of the document (comments skipped).
    const keywordOf = (params) => {
      const source = params.query.replace(/#.*$/gm, '');
      const named = params.operationName && new RegExp('(query|mutation|subscription)\\\\s+' + params.operationName + '\\\\b').exec(source);
      return (named || /(query|mutation|subscription)\\b|[{]/.exec(source) || [])[1];
    };
    const isSubscription = (params) => keywordOf(params) === 'subscription';
    const fetcher = (params, options) => {
      if (!isSubscription(params)) return http(params, options);
      const client = graphqlSse.createClient({ url, headers: () => options?.headers ?? {}, singleConnection: false, retryAttempts: 0 });
      return client.iterate({ query: params.query, variables: params.variables ?? undefined, operationName: params.operationName ?? undefined });
    };
    const defaultQuery = '# Signed-in calls: npm run token -- --role inspector --regions KZ-35\n' +
      '# then add the header {"Authorization": "Bearer <token>"} below.\n' +
      '{\n  regionAt(point: { lat: 49.80, lon: 73.10 }) { code name(lang: KK) }\n}\n';
    ReactDOM.createRoot(document.getElementById('graphiql')).render(
      React.createElement(GraphiQL, { fetcher, defaultQuery, shouldPersistHeaders: true }),
    );
  </script>
</body>
</html>`;

function graphiqlAssets(): Map<string, StaticAsset> {
  return new Map([
    ['/graphiql', { contentType: 'text/html; charset=utf-8', body: PAGE }],
    ['/graphiql/graphiql.min.css', asset('graphiql', 'graphiql.min.css', 'text/css')],
    ['/graphiql/graphiql.min.js', asset('graphiql', 'graphiql.min.js', 'text/javascript')],
    ['/graphiql/react.production.min.js', asset('react', 'umd/react.production.min.js', 'text/javascript')],
    ['/graphiql/react-dom.production.min.js', asset('react-dom', 'umd/react-dom.production.min.js', 'text/javascript')],
    ['/graphiql/graphql-sse.min.js', asset('graphql-sse', 'umd/graphql-sse.min.js', 'text/javascript')],
  ]);
}

/** The page (also what a browser gets on `/graphql`: kernel/http.ts `browserPage`) and its files, from memory. */
export function graphiql(): { page: StaticAsset; routes: HttpRoutes } {
  const assets = graphiqlAssets();
  return {
    page: assets.get('/graphiql')!,
    routes: (app) => {
      for (const [path, asset] of assets) {
        app.get(path, (_request, reply) => reply.type(asset.contentType).header('cache-control', 'public, max-age=3600').send(asset.body));
      }
    },
  };
}
