import type { Config } from '../services/kernel/config.js';
import type { Readiness } from '../services/kernel/http.js';

/** Subgraph URLs come from config, not from the checked-in supergraph, so one artifact serves every deployment. */
export function subgraphUrls(config: Config): Record<string, string> {
  return {
    regions: config.REGIONS_URL,
    enterprises: config.ENTERPRISES_URL,
    vacancies: config.VACANCIES_URL,
    resettlement: config.RESETTLEMENT_URL,
    projects: config.PROJECTS_URL,
  };
}

/**
 * The gateway's `/ready`: every subgraph answers its own `/ready` (database reachable, migrations
 * applied); when one does not, the answer names it, so an operator knows which one is down.
 */
export async function subgraphsReady(urls: Record<string, string>): Promise<Readiness> {
  const answers = await Promise.all(
    Object.entries(urls).map(([name, url]) =>
      fetch(url.replace(/\/graphql$/, '/ready'))
        .then((response) => [name, response.ok] as const)
        .catch(() => [name, false] as const),
    ),
  );
  const unavailable = answers.filter(([, ok]) => !ok).map(([name]) => name);
  return { ready: unavailable.length === 0, unavailable };
}
