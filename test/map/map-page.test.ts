import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectData, federation, tokenFor } from '../support/federation.js';
import { settledSubscribersOf, untilSubscribed } from '../subscriptions/support.js';

/**
 * The map page in a real browser (design §9): Debian's Chromium, headless, WebGL through
 * SwiftShader, every request outside the gateway's origin blocked. Waits are on the map's own
 * `idle` event and on conditions, never on fixed sleeps: two busy cores render slowly.
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = join(tmpdir(), 'enterprise-map-screenshots');
const WAIT = 90_000;

let browser: Browser;
const origin = () => new URL(federation.gatewayUrl()).origin;

interface Rendered {
  count: number;
  cluster: boolean;
  id?: string;
  bin?: string;
  x: number;
  y: number;
}

/** Resolves on the map's next `idle` (all tiles loaded and drawn, nothing moving). */
function idle(page: Page): Promise<void> {
  return page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = (window as unknown as { enterpriseMap: { once(event: string, fn: () => void): void; triggerRepaint(): void } }).enterpriseMap;
        map.once('idle', () => resolve());
        map.triggerRepaint();
      }),
  );
}

async function jumpTo(page: Page, center: [number, number], zoom: number): Promise<void> {
  await page.evaluate(
    ([lon, lat, z]) => {
      (window as unknown as { enterpriseMap: { jumpTo(options: unknown): void } }).enterpriseMap.jumpTo({ center: [lon, lat], zoom: z });
    },
    [center[0], center[1], zoom] as const,
  );
  await idle(page);
}

/**
 * Enterprise features drawn on screen, with their screen position. A feature near a tile's edge
 * is also in its neighbour's buffer, and MapLibre returns it once per tile: each is kept once
 * (a single enterprise by its id, a cluster by its count at its position).
 */
async function renderedEnterprises(page: Page): Promise<Rendered[]> {
  const drawn: Rendered[] = await page.evaluate(() => {
    // biome-ignore lint/suspicious/noExplicitAny: the page's MapLibre instance, typed by the page, not by this test
    const map = (window as any).enterpriseMap;
    // biome-ignore lint/suspicious/noExplicitAny: MapLibre's rendered features
    return map.queryRenderedFeatures(undefined, { layers: ['enterprises'] }).map((feature: any) => {
      const point = map.project(feature.geometry.coordinates);
      return { count: feature.properties.count, cluster: feature.properties.cluster, id: feature.properties.id, bin: feature.properties.bin, x: point.x, y: point.y };
    });
  });
  const identity = (feature: Rendered) => (feature.cluster ? `${feature.x.toFixed(1)},${feature.y.toFixed(1)},${feature.count}` : String(feature.id));
  return [...new Map(drawn.map((feature) => [identity(feature), feature])).values()];
}

const sum = (features: Rendered[]) => features.reduce((total, feature) => total + feature.count, 0);

/**
 * Opens the page at `width`×`height`, on the whole country or at `view` (its address hash,
 * zoom/lat/lon), runs `body` on it, then checks that no request left our origin and the page
 * threw nothing.
 */
async function onMap(
  screen: { width: number; height: number; view?: { zoom: number; lat: number; lon: number } },
  body: (page: Page) => Promise<void>,
): Promise<void> {
  const { width, height, view } = screen;
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1 });
  const outside: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin())) return route.continue();
    outside.push(url);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${origin()}/map${view ? `#${view.zoom}/${view.lat}/${view.lon}` : ''}`, { waitUntil: 'load', timeout: WAIT });
  await page.waitForFunction(() => Boolean((window as unknown as { enterpriseMap?: { loaded(): boolean } }).enterpriseMap?.loaded()), undefined, { timeout: WAIT });
  await idle(page);
  try {
    await body(page);
    expect(outside).toEqual([]);
    expect(pageErrors).toEqual([]);
  } finally {
    await context.close();
  }
}

function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return join(SCREENSHOTS, `${new Date().toISOString().replace(/[:.]/g, '-')}-${name}.png`);
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-default-apps',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

describe('the map page in Chromium, offline', () => {
  it(
    'draws clusters over Kazakhstan, single enterprises over Karaganda, follows the filters and opens a card with the right BIN',
    async () => {
      await onMap({ width: 1280, height: 800 }, async (page) => {
        await expect.poll(() => page.locator('.maplibregl-ctrl-attrib').textContent()).toContain('© OpenStreetMap contributors');

        await jumpTo(page, [67, 48], 4);
        const national = await renderedEnterprises(page);
        expect(national.some((feature) => feature.cluster && feature.count > 1)).toBe(true);
        const total = sum(national);
        const { enterprises } = expectData(await federation.query<{ enterprises: { totalCount: number } }>('{ enterprises { totalCount } }'));
        // The whole country is on screen at zoom 4 at this size: every enterprise is in some drawn feature.
        expect(total).toBe(enterprises.totalCount);
        await page.screenshot({ path: screenshotPath('kazakhstan-z4') });

        await page.selectOption('#minHazardClass', 'HARMFUL_3_1');
        await page.waitForFunction(
          (before) => {
            // biome-ignore lint/suspicious/noExplicitAny: the page's MapLibre instance
            const map = (window as any).enterpriseMap;
            if (!map.areTilesLoaded()) return false;
            // biome-ignore lint/suspicious/noExplicitAny: MapLibre's rendered features
            const drawn = map.queryRenderedFeatures(undefined, { layers: ['enterprises'] }).reduce((n: number, f: any) => n + f.properties.count, 0);
            return drawn > 0 && drawn < before;
          },
          total,
          { timeout: WAIT, polling: 250 },
        );
        await idle(page);
        const harmful = expectData(
          await federation.query<{ enterprises: { totalCount: number } }>('{ enterprises(filter: { minHazardClass: HARMFUL_3_1 }) { totalCount } }'),
        );
        expect(sum(await renderedEnterprises(page))).toBe(harmful.enterprises.totalCount);
        await page.selectOption('#minHazardClass', '');

        await jumpTo(page, [73.1, 49.8], 12);
        await page.waitForFunction(
          // biome-ignore lint/suspicious/noExplicitAny: the page's MapLibre instance
          () => (window as any).enterpriseMap.queryRenderedFeatures(undefined, { layers: ['enterprises'] }).some((f: any) => f.properties.count === 1),
          undefined,
          { timeout: WAIT, polling: 250 },
        );
        const city = await renderedEnterprises(page);
        const singles = city.filter((feature) => !feature.cluster && feature.count === 1 && feature.bin);
        expect(singles.length).toBeGreaterThan(0);
        // Click one clear of the panel (left) and the card (right).
        const target = singles.find((feature) => feature.x > 340 && feature.x < 900 && feature.y > 40 && feature.y < 760);
        expect(target).toBeDefined();
        await page.mouse.click(target!.x, target!.y);
        await expect.poll(() => page.locator('#card [data-field="bin"]').textContent(), { timeout: WAIT }).toBe(target!.bin);
        const card = expectData(await federation.query<{ enterprise: { bin: string } }>('query ($id: ID!) { enterprise(id: $id) { bin } }', { id: target!.id }));
        expect(card.enterprise.bin).toBe(target!.bin);
        await page.screenshot({ path: screenshotPath('karaganda-z12-card') });

        // Enterprises off: a click on a zone opens its quota and nearby vacancies, elsewhere the region's figures.
        await page.uncheck('#layer-enterprises');
        const { resettlementZones } = expectData(
          await federation.query<{ resettlementZones: { name: string; center: { lat: number; lon: number } }[] }>('{ resettlementZones { name center { lat lon } } }'),
        );
        const zone = resettlementZones[0]!;
        await jumpTo(page, [zone.center.lon, zone.center.lat], 12);
        await page.mouse.click(640, 400);
        await expect.poll(() => page.locator('#card h2[data-kind="zone"]').textContent(), { timeout: WAIT }).toBe(zone.name);
        expect(await page.locator('#card .error').count()).toBe(0);
        expect(await page.locator('#card-body').textContent()).toContain('Vacancies within 30 km');

        const karaganda = expectData(
          await federation.query<{ region: { name: string; center: { lat: number; lon: number } } }>('{ region(code: "KZ-35") { name center { lat lon } } }'),
        ).region;
        await jumpTo(page, [67, 48], 4);
        const region = await page.evaluate(([lon, lat]) => {
          // biome-ignore lint/suspicious/noExplicitAny: the page's MapLibre instance
          const map = (window as any).enterpriseMap;
          const point = map.project([lon, lat]);
          return { x: point.x, y: point.y, code: map.queryRenderedFeatures(point, { layers: ['regions-fill'] })[0]?.properties.code };
        }, [karaganda.center.lon, karaganda.center.lat] as const);
        expect(region.code).toBe('KZ-35');
        await page.mouse.click(region.x, region.y);
        await expect.poll(() => page.locator('#card h2[data-kind="region"]').textContent(), { timeout: WAIT }).toBe(karaganda.name);
        expect(await page.locator('#card .error').count()).toBe(0);
        expect(await page.locator('#card-body').textContent()).toContain('Shortage index');
        await page.selectOption('#choropleth', 'eligibleWorkers');
        await idle(page);
        await page.screenshot({ path: screenshotPath('choropleth-region-card') });

      });
    },
    300_000,
  );

  it(
    'draws the investment projects by planned jobs and opens a project card with its locality and gaps',
    async () => {
      await onMap({ width: 1280, height: 800 }, async (page) => {
        await page.uncheck('#layer-enterprises');
        await page.uncheck('#layer-zones');
        await page.check('#layer-projects');
        const nodes: { id: string; name: string; location: { lat: number; lon: number } }[] = [];
        for (let after: string | null = null, more = true; more; ) {
          const page: { investmentProjects: { pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: (typeof nodes)[number] }[] } } = expectData(
            await federation.query('query Places($after: String) { investmentProjects(first: 500, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id name location { lat lon } } } } }', { after }),
          );
          nodes.push(...page.investmentProjects.edges.map((edge) => edge.node));
          more = page.investmentProjects.pageInfo.hasNextPage;
          after = page.investmentProjects.pageInfo.endCursor;
        }
        // A project alone at its place, so the click cannot land on another one.
        const alone = nodes.find((node) => nodes.filter((other) => other.location.lat === node.location.lat && other.location.lon === node.location.lon).length === 1)!;
        await jumpTo(page, [alone.location.lon, alone.location.lat], 14);
        const drawn = await page.evaluate(() => {
          // biome-ignore lint/suspicious/noExplicitAny: the page's MapLibre instance and its rendered features
          const map = (window as any).enterpriseMap;
          // biome-ignore lint/suspicious/noExplicitAny: MapLibre's rendered features
          return map.queryRenderedFeatures(undefined, { layers: ['projects'] }).map((feature: any) => feature.properties.id);
        });
        expect(drawn).toContain(alone.id);
        await page.mouse.click(640, 400);
        await expect.poll(() => page.locator('#card h2[data-kind="project"]').textContent(), { timeout: WAIT }).toBe(alone.name);
        expect(await page.locator('#card .error').count()).toBe(0);
        expect(await page.locator('#card-body').textContent()).toContain('Workforce and gaps within 50 km');
        await page.screenshot({ path: screenshotPath('project-card') });
      });
    },
    300_000,
  );

  it(
    'shows a vacancy posted through the gateway live: in the feed and on the map within 2 s, and its card from the feed',
    async () => {
      const { vacancies } = expectData(
        await federation.query<{ vacancies: { edges: { node: { katoCode: string; location: { lat: number; lon: number }; enterprise: { bin: string } } }[] } }>(
          '{ vacancies(first: 1, area: { regionCode: "KZ-35" }) { edges { node { katoCode location { lat lon } enterprise { bin } } } } }',
        ),
      );
      const employer = vacancies.edges[0]!.node;
      const token = await tokenFor({ sub: 'employer-live-map', roles: ['employer'], bin: employer.enterprise.bin });
      // A little off the employer's other vacancies, in the middle of a street-level view.
      const location = { lat: employer.location.lat + 0.002, lon: employer.location.lon + 0.002 };
      const vacanciesUrl = federation.subgraphUrl('vacancies');
      const before = await settledSubscribersOf(vacanciesUrl);
      // Opened at the place (not moved there): the page subscribes once, for this viewport.
      let id: string | undefined;
      try {
        await onMap({ width: 1280, height: 800, view: { zoom: 15, ...location } }, async (page) => {
          await page.check('#layer-vacancies');
          await idle(page);
          await untilSubscribed(vacanciesUrl, before);
          await expect.poll(() => page.locator('#live-feed').getAttribute('data-state')).toBe('connected');

          const title = `Live map welder ${Date.now()}`;
          const input = { bin: employer.enterprise.bin, title, occupationCode: '7212', salaryMinTenge: 330_000, employmentType: 'PERMANENT', katoCode: employer.katoCode, location };
          const posted = expectData(await federation.query<{ postVacancy: { id: string } }>('mutation ($input: PostVacancyInput!) { postVacancy(input: $input) { id } }', { input }, { token }));
          id = posted.postVacancy.id;
          // Committed when the mutation answered: from then on, 2 s for the feed and for the layer.
          const live = { timeout: 2000, polling: 50 };
          await page.waitForSelector(`#live-feed li[data-kind="vacancy"][data-id="${id}"]`, { timeout: live.timeout });
          await page.waitForFunction(
            // biome-ignore lint/suspicious/noExplicitAny: the page's MapLibre instance and its rendered features
            (vacancy) => (window as any).enterpriseMap.queryRenderedFeatures(undefined, { layers: ['vacancies'] }).some((f: any) => f.properties.id === vacancy),
            id,
            live,
          );
          expect(await page.locator(`#live-feed li[data-id="${id}"]`).textContent()).toContain(title);
          expect(await page.evaluate(() => (window as unknown as { enterpriseMap: { queryRenderedFeatures(g: undefined, o: unknown): unknown[] } }).enterpriseMap.queryRenderedFeatures(undefined, { layers: ['live'] }).length)).toBeGreaterThan(0);
          await page.screenshot({ path: screenshotPath('live-vacancy') });

          await page.click(`#live-feed li[data-id="${id}"] button`);
          await expect.poll(() => page.locator('#card h2[data-kind="vacancy"]').getAttribute('data-id')).toBe(id);
          expect(await page.locator('#card h2').textContent()).toBe(title);
        });
      } finally {
        // Leave no OPEN vacancy behind: other files count the seeded ones.
        if (id) expectData(await federation.query('mutation ($id: ID!) { closeVacancy(id: $id, reason: WITHDRAWN) { id } }', { id }, { token }));
      }
    },
    300_000,
  );

  it(
    'is usable on a phone-sized screen: the map draws, the panel folds away, the attribution stays visible',
    async () => {
      await onMap({ width: 390, height: 844 }, async (page) => {
        expect(await page.locator('#panel').getAttribute('class')).toContain('collapsed');
        await jumpTo(page, [67, 48], 3);
        expect((await renderedEnterprises(page)).length).toBeGreaterThan(0);
        const attribution = page.locator('.maplibregl-ctrl-attrib');
        expect(await attribution.isVisible()).toBe(true);
        expect(await attribution.textContent()).toContain('© OpenStreetMap contributors');
        await page.screenshot({ path: screenshotPath('phone-map') });
        await page.click('#panel-toggle');
        expect(await page.locator('#minHazardClass').isVisible()).toBe(true);
        await page.screenshot({ path: screenshotPath('phone-panel') });
      });
    },
    300_000,
  );
});
