import type { Config } from '../services/kernel/config.js';

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

/** The gateway's `/ready`: every subgraph answers its own `/ready` (database reachable, migrations applied). */
export async function subgraphsReady(urls: Record<string, string>): Promise<boolean> {
  const answers = await Promise.all(
    Object.values(urls).map((url) =>
      fetch(url.replace(/\/graphql$/, '/ready'))
        .then((response) => response.ok)
        .catch(() => false),
    ),
  );
  return answers.every(Boolean);
}
