// The map page (docs/architecture.md, "Map tiles"): MapLibre GL JS served by the gateway from
// node_modules, every tile from /tiles on this origin, every figure from /graphql. No other host,
// no fonts, sprites or text labels, so it works with no network at all.
import { AttributionControl, Map as MapLibreMap, NavigationControl } from '/map/maplibre-gl.mjs';
import { startLive } from '/map/live.js';

const origin = window.location.origin;
const ATTRIBUTION = '© OpenStreetMap contributors';

/** Worst-is-darkest colours of the working-conditions classes (docs/domain.md, hazard classes). */
const HAZARD_COLOURS = [
  ['OPTIMAL_1', '#1a9850', '1 optimal'],
  ['ACCEPTABLE_2', '#91cf60', '2 acceptable'],
  ['HARMFUL_3_1', '#fee08b', '3.1 harmful'],
  ['HARMFUL_3_2', '#fdae61', '3.2 harmful'],
  ['HARMFUL_3_3', '#f46d43', '3.3 harmful'],
  ['HARMFUL_3_4', '#d73027', '3.4 harmful'],
  ['DANGEROUS_4', '#7f0000', '4 dangerous'],
];

const $ = (id) => document.getElementById(id);

/** The filter controls as tile query parameters, with the GraphQL filters' names. */
function enterpriseFilter() {
  const filter = {};
  if ($('minHazardClass').value) filter.minHazardClass = $('minHazardClass').value;
  if ($('specialPaymentEligible').checked) filter.specialPaymentEligible = true;
  if ($('assessmentOverdue').checked) filter.assessmentOverdue = true;
  return filter;
}

function vacancyFilter() {
  const filter = {};
  if ($('housingProvided').checked) filter.housingProvided = true;
  if ($('qualityOnly').checked) filter.qualityOnly = true;
  const salary = Number.parseInt($('minSalaryTenge').value, 10);
  if (Number.isInteger(salary) && salary >= 0) filter.minSalaryTenge = salary;
  return filter;
}

function tileTemplate(layer, filter = {}) {
  const search = new URLSearchParams(Object.entries(filter).map(([key, value]) => [key, String(value)])).toString();
  return `${origin}/tiles/${layer}/{z}/{x}/{y}.mvt${search ? `?${search}` : ''}`;
}

const vectorSource = (layer, maxzoom, extra = {}) => ({
  type: 'vector',
  tiles: [tileTemplate(layer)],
  minzoom: 0,
  maxzoom,
  bounds: [46.4, 40.5, 87.4, 55.5],
  attribution: ATTRIBUTION,
  ...extra,
});

const hazardColour = ['match', ['get', 'hazardClass']];
for (const [name, colour] of HAZARD_COLOURS) hazardColour.push(name, colour);
hazardColour.push('#888888');

/** The whole style: sources from our own tiles, layers drawn without glyphs or sprites. */
const style = {
  version: 8,
  sources: {
    regions: vectorSource('regions', 12, { promoteId: { regions: 'code' } }),
    zones: vectorSource('zones', 14),
    vacancies: vectorSource('vacancies', 14),
    projects: vectorSource('projects', 14),
    enterprises: vectorSource('enterprises', 14),
  },
  layers: [
    { id: 'background', type: 'background', paint: { 'background-color': '#dfe8ef' } },
    {
      id: 'regions-fill',
      type: 'fill',
      source: 'regions',
      'source-layer': 'regions',
      paint: { 'fill-color': '#f7f4ec', 'fill-opacity': 0.95 },
    },
    {
      id: 'regions-line',
      type: 'line',
      source: 'regions',
      'source-layer': 'regions',
      paint: { 'line-color': '#7d8a99', 'line-width': ['interpolate', ['linear'], ['zoom'], 3, 0.6, 10, 2] },
    },
    {
      id: 'zones-fill',
      type: 'fill',
      source: 'zones',
      'source-layer': 'zones',
      paint: { 'fill-color': ['case', ['>', ['get', 'freeFamilies'], 0], '#2b8cbe', '#9aa6b2'], 'fill-opacity': 0.35 },
    },
    { id: 'zones-line', type: 'line', source: 'zones', 'source-layer': 'zones', paint: { 'line-color': '#08589e', 'line-width': 1.2 } },
    {
      // Investment projects sized by the jobs they plan (a cluster: all its projects' jobs).
      id: 'projects',
      type: 'circle',
      source: 'projects',
      'source-layer': 'projects',
      layout: { visibility: 'none' },
      paint: {
        'circle-color': '#d95f0e',
        'circle-opacity': 0.75,
        'circle-radius': ['interpolate', ['linear'], ['sqrt', ['get', 'plannedJobs']], 2, 4, 30, 14, 150, 32],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1,
      },
    },
    {
      id: 'vacancies',
      type: 'circle',
      source: 'vacancies',
      'source-layer': 'vacancies',
      layout: { visibility: 'none' },
      paint: {
        'circle-color': '#6a51a3',
        'circle-opacity': 0.8,
        'circle-radius': ['interpolate', ['linear'], ['sqrt', ['get', 'count']], 1, 4, 10, 16, 40, 30],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1,
      },
    },
    {
      id: 'enterprises',
      type: 'circle',
      source: 'enterprises',
      'source-layer': 'enterprises',
      paint: {
        'circle-color': hazardColour,
        'circle-opacity': 0.9,
        // Clusters sized by the logarithm of their count: the same scale reads from a village
        // (tens) to a national view of a million, where area ∝ count made every cluster the
        // largest size and covered the map. Single enterprises small.
        'circle-radius': ['interpolate', ['linear'], ['ln', ['get', 'count']], 0, 5, 4.6, 12, 11.5, 24],
        'circle-stroke-color': '#333333',
        'circle-stroke-width': ['case', ['get', 'cluster'], 1.5, 0.8],
      },
    },
  ],
};

const map = new MapLibreMap({
  container: 'map',
  style,
  // The whole country on any screen, from a phone to a wall.
  bounds: [46.4, 40.5, 87.4, 55.5],
  fitBoundsOptions: { padding: 10 },
  minZoom: 1,
  maxZoom: 18,
  // The view in the address (#zoom/lat/lon): a link opens the same place.
  hash: true,
  attributionControl: false,
  // Nothing on this page may come from another host (design §9).
  transformRequest: (url) => (url.startsWith(origin) || url.startsWith('blob:') ? { url } : { url: 'about:blank' }),
});
map.addControl(new AttributionControl({ compact: false, customAttribution: ATTRIBUTION }), 'bottom-right');
map.addControl(new NavigationControl({ showCompass: false }), 'bottom-left');
// For the browser test and for anyone poking at the page from the console.
window.enterpriseMap = map;

function applyTileFilters() {
  map.getSource('enterprises').setTiles([tileTemplate('enterprises', enterpriseFilter())]);
  map.getSource('vacancies').setTiles([tileTemplate('vacancies', vacancyFilter())]);
}

function setVisible(layers, visible) {
  for (const layer of layers) map.setLayoutProperty(layer, 'visibility', visible ? 'visible' : 'none');
}

// ---- GraphQL --------------------------------------------------------------------------------

async function graphql(query, variables = {}) {
  const token = $('token').value.trim();
  const response = await fetch(`${origin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token.replace(/^Bearer\s+/i, '')}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return response.json();
}

/** The choropleth's figures belong to three other subgraphs: one GraphQL request, joined to the tiles by region code. */
const REGION_FIGURES = `{
  regions { code resettlementRole openVacancyCount }
  hazardousWorkPayments { byRegion { region { code } eligibleWorkers monthlyTotalTenge } }
  staffingShortages(groupBy: REGION, first: 50) { region { code } shortageIndex openVacancies }
}`;

const figures = new Map();
const maxima = { eligibleWorkers: 1, shortageIndex: 1 };

async function loadRegionFigures() {
  const { data } = await graphql(REGION_FIGURES);
  if (!data) return;
  for (const region of data.regions ?? []) figures.set(region.code, { resettlementRole: region.resettlementRole, openVacancies: region.openVacancyCount, eligibleWorkers: 0, monthlyTotalTenge: 0, shortageIndex: 0 });
  for (const row of data.hazardousWorkPayments?.byRegion ?? []) Object.assign(figures.get(row.region.code) ?? {}, { eligibleWorkers: row.eligibleWorkers, monthlyTotalTenge: row.monthlyTotalTenge });
  for (const row of data.staffingShortages ?? []) if (row.region) Object.assign(figures.get(row.region.code) ?? {}, { shortageIndex: row.shortageIndex });
  for (const [code, values] of figures) {
    maxima.eligibleWorkers = Math.max(maxima.eligibleWorkers, values.eligibleWorkers);
    maxima.shortageIndex = Math.max(maxima.shortageIndex, values.shortageIndex);
    map.setFeatureState({ source: 'regions', sourceLayer: 'regions', id: code }, values);
  }
  applyChoropleth();
}

function applyChoropleth() {
  const measure = $('choropleth').value;
  if (measure === 'none') {
    map.setPaintProperty('regions-fill', 'fill-color', '#f7f4ec');
    return;
  }
  map.setPaintProperty('regions-fill', 'fill-color', [
    'interpolate',
    ['linear'],
    ['coalesce', ['feature-state', measure], 0],
    0,
    '#f7f4ec',
    maxima[measure],
    measure === 'shortageIndex' ? '#b30000' : '#08519c',
  ]);
}

// ---- Cards -----------------------------------------------------------------------------------

const escapeHtml = (value) => String(value ?? '—').replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
const number = (value) => (typeof value === 'number' ? value.toLocaleString('en-US') : escapeHtml(value));

function showCard(html) {
  $('card-body').innerHTML = html;
  $('card').hidden = false;
}

function rows(entries) {
  return `<dl>${entries.map(([name, value]) => `<dt>${escapeHtml(name)}</dt><dd>${value}</dd>`).join('')}</dl>`;
}

function errorsOf(response) {
  return (response.errors ?? []).map((error) => `<p class="error">${escapeHtml(error.extensions?.code ?? 'ERROR')}: ${escapeHtml(error.message)}</p>`).join('');
}

const PUBLIC_CARD = 'id bin name okedCode address hazardClass headcount qualityJobs workersInHarmfulConditions specialPayment { eligibleWorkers monthlyTotalTenge } lastAssessmentDate assessmentOverdue region { name } openVacancyCount';
const PROTECTED_CARD = 'workplaces { code title conditionsClass workers } inspections { inspectedOn kind violations }';

async function enterpriseCard(id) {
  const signedIn = $('token').value.trim() !== '';
  const response = await graphql(`query ($id: ID!) { enterprise(id: $id) { ${PUBLIC_CARD} ${signedIn ? PROTECTED_CARD : ''} } }`, { id });
  const card = response.data?.enterprise;
  if (!card) return showCard(`<h2>Enterprise</h2>${errorsOf(response) || '<p>Not found.</p>'}`);
  const protectedRows = [];
  if (card.workplaces) protectedRows.push(['Workplaces', `<ul>${card.workplaces.map((w) => `<li>${escapeHtml(w.title)} — ${escapeHtml(w.conditionsClass)}, ${number(w.workers)}</li>`).join('')}</ul>`]);
  if (card.inspections) protectedRows.push(['Inspections', `<ul>${card.inspections.map((i) => `<li>${escapeHtml(i.inspectedOn)} ${escapeHtml(i.kind)}: ${number(i.violations)} violations</li>`).join('') || '<li>none</li>'}</ul>`]);
  showCard(
    `<h2 data-kind="enterprise">${escapeHtml(card.name)}</h2>` +
      rows([
        ['BIN', `<span data-field="bin">${escapeHtml(card.bin)}</span>`],
        ['Region', escapeHtml(card.region?.name)],
        ['OKED', escapeHtml(card.okedCode)],
        ['Address', escapeHtml(card.address)],
        ['Hazard class', escapeHtml(card.hazardClass)],
        ['Headcount', number(card.headcount)],
        ['Quality jobs', number(card.qualityJobs)],
        ['In harmful conditions', number(card.workersInHarmfulConditions)],
        ['Eligible for special payment', number(card.specialPayment.eligibleWorkers)],
        ['Monthly special payment, ₸', number(card.specialPayment.monthlyTotalTenge)],
        ['Last assessment', `${escapeHtml(card.lastAssessmentDate)}${card.assessmentOverdue ? ' (overdue)' : ''}`],
        ['Open vacancies', number(card.openVacancyCount)],
        ...protectedRows,
      ]) +
      errorsOf(response),
  );
}

/** A project's card: what it plans and, per planned occupation, what its locality has and lacks (the navigator). */
async function projectCard(id) {
  const response = await graphql(
    `query ProjectCard($id: ID!) { investmentProject(id: $id) { name sector status investmentTenge startYear endYear settlement region { name } plannedJobsTotal
       locality(radiusKm: 50) { population occupations { occupationCode occupationName plannedJobs localWorkers medianMonthlySalaryTenge openVacancies gap } } } }`,
    { id },
  );
  const project = response.data?.investmentProject;
  if (!project) return showCard(`<h2>Project</h2>${errorsOf(response) || '<p>Not found.</p>'}`);
  const occupations = project.locality.occupations
    .map((o) => `<li>${escapeHtml(o.occupationName ?? o.occupationCode)}: ${number(o.plannedJobs)} planned, ${number(o.localWorkers)} employed nearby` +
      `${o.medianMonthlySalaryTenge ? ` (median ${number(o.medianMonthlySalaryTenge)} ₸)` : ''}, ${number(o.openVacancies)} open vacancies — <strong>gap ${number(o.gap)}</strong></li>`)
    .join('');
  showCard(
    `<h2 data-kind="project">${escapeHtml(project.name)}</h2>` +
      rows([
        ['Region', `${escapeHtml(project.settlement)}, ${escapeHtml(project.region.name)}`],
        ['Sector (OKED)', escapeHtml(project.sector)],
        ['Status', `${escapeHtml(project.status)}, ${project.startYear}–${project.endYear}`],
        ['Investment, bn ₸', number(Math.round(project.investmentTenge / 1e8) / 10)],
        ['Planned jobs', number(project.plannedJobsTotal)],
        ['People within 50 km', number(project.locality.population)],
        ['Workforce and gaps within 50 km', `<ul>${occupations}</ul>`],
      ]) +
      errorsOf(response),
  );
}

async function zoneCard(properties) {
  const year = properties.year;
  const response = await graphql(
    `query ($code: ID!, $year: Int!) { resettlementZones(regionCode: $code, year: $year) { id name housingOffered region { name }
       quota(year: $year) { families acceptedFamilies freeFamilies }
       nearbyVacancies(radiusKm: 30, first: 10) { totalCount edges { distanceKm node { title salaryMinTenge enterprise { name hazardClass } } } } } }`,
    { code: properties.regionCode, year },
  );
  const zone = response.data?.resettlementZones?.find((candidate) => candidate.id === properties.id);
  if (!zone) return showCard(`<h2>Zone</h2>${errorsOf(response) || '<p>Not found.</p>'}`);
  const vacancies = zone.nearbyVacancies.edges
    .map((edge) => `<li>${escapeHtml(edge.node.title)}, from ${number(edge.node.salaryMinTenge)} ₸, ${edge.distanceKm.toFixed(1)} km — ${escapeHtml(edge.node.enterprise.name)} (${escapeHtml(edge.node.enterprise.hazardClass)})</li>`)
    .join('');
  showCard(
    `<h2 data-kind="zone">${escapeHtml(zone.name)}</h2>` +
      rows([
        ['Region', escapeHtml(zone.region.name)],
        [`Quota ${year}, families`, zone.quota ? number(zone.quota.families) : 'none'],
        ['Accepted', zone.quota ? number(zone.quota.acceptedFamilies) : '—'],
        ['Free', zone.quota ? number(zone.quota.freeFamilies) : '—'],
        ['Housing offered', number(zone.housingOffered)],
        [`Vacancies within 30 km (${number(zone.nearbyVacancies.totalCount)})`, `<ul>${vacancies || '<li>none</li>'}</ul>`],
      ]) +
      errorsOf(response),
  );
}

async function regionCard(code) {
  const response = await graphql(
    `query ($code: ID!) { region(code: $code) { name population resettlementRole }
       hazardousWorkPayments(area: { regionCode: $code }) { enterprises workersInHarmfulConditions eligibleWorkers monthlyTotalTenge }
       staffingShortages(area: { regionCode: $code }, groupBy: REGION) { openVacancies longOpenVacancies medianOpenDays shortageIndex } }`,
    { code },
  );
  const data = response.data;
  if (!data?.region) return showCard(`<h2>Region</h2>${errorsOf(response)}`);
  const payments = data.hazardousWorkPayments;
  const shortage = data.staffingShortages?.[0];
  showCard(
    `<h2 data-kind="region">${escapeHtml(data.region.name)}</h2>` +
      rows([
        ['Population', number(data.region.population)],
        ['Resettlement role', escapeHtml(data.region.resettlementRole)],
        ['Hazardous-work enterprises', number(payments?.enterprises)],
        ['In harmful conditions', number(payments?.workersInHarmfulConditions)],
        ['Eligible for special payment', number(payments?.eligibleWorkers)],
        ['Monthly special payment, ₸', number(payments?.monthlyTotalTenge)],
        ['Open vacancies', number(shortage?.openVacancies ?? 0)],
        ['Open 30+ days', number(shortage?.longOpenVacancies ?? 0)],
        ['Median days open', number(shortage?.medianOpenDays)],
        ['Shortage index', number(shortage?.shortageIndex)],
      ]) +
      errorsOf(response),
  );
}

/** A vacancy's card from what its tile feature (or its live event) carries: the layer's fields. */
function vacancyCard(vacancy) {
  showCard(
    `<h2 data-kind="vacancy" data-id="${escapeHtml(vacancy.id)}">${escapeHtml(vacancy.title)}</h2>` +
      rows([
        ['Salary from, ₸', number(vacancy.salaryMinTenge)],
        ['Occupation', escapeHtml(vacancy.occupationCode)],
        ['Conditions', escapeHtml(vacancy.conditionsClass)],
        ['Housing', vacancy.housingProvided ? 'provided' : 'no'],
        ['Open days', number(vacancy.openDays)],
      ]),
  );
}

// ---- Wiring ----------------------------------------------------------------------------------

/** The filters the live subscriptions share with the tiles, under the subscriptions' argument names. */
const liveFilters = () => ({ vacancyFilter: vacancyFilter(), minClass: enterpriseFilter().minHazardClass ?? null });

map.on('load', () => {
  loadRegionFigures().catch(() => undefined);
  const live = startLive(map, {
    filters: liveFilters,
    token: () => $('token').value.trim(),
    open: (kind, item) => (kind === 'vacancy' ? vacancyCard(item) : enterpriseCard(item.id)),
    escapeHtml,
  });
  for (const id of ['minHazardClass', 'housingProvided', 'qualityOnly', 'minSalaryTenge']) $(id).addEventListener('change', live.resubscribe);
  $('token').addEventListener('change', live.restart);

  map.on('click', (event) => {
    const [feature] = map.queryRenderedFeatures(event.point, { layers: ['projects', 'enterprises', 'vacancies', 'zones-fill', 'regions-fill'].filter((id) => map.getLayoutProperty(id, 'visibility') !== 'none') });
    if (!feature) return;
    const properties = feature.properties;
    if (['enterprises', 'vacancies', 'projects'].includes(feature.layer.id) && properties.cluster) {
      map.easeTo({ center: event.lngLat, zoom: Math.min(map.getZoom() + 2, 14) });
      return;
    }
    if (feature.layer.id === 'enterprises') enterpriseCard(properties.id);
    else if (feature.layer.id === 'projects') projectCard(properties.id);
    else if (feature.layer.id === 'vacancies') vacancyCard(properties);
    else if (feature.layer.id === 'zones-fill') zoneCard(properties);
    else regionCard(properties.code);
  });
  for (const layer of ['projects', 'enterprises', 'vacancies', 'zones-fill']) {
    map.on('mouseenter', layer, () => {
      map.getCanvas().style.cursor = 'pointer';
    });
    map.on('mouseleave', layer, () => {
      map.getCanvas().style.cursor = '';
    });
  }
});

for (const id of ['minHazardClass', 'specialPaymentEligible', 'assessmentOverdue', 'housingProvided', 'qualityOnly', 'minSalaryTenge']) $(id).addEventListener('change', applyTileFilters);
$('layer-enterprises').addEventListener('change', (event) => setVisible(['enterprises'], event.target.checked));
$('layer-vacancies').addEventListener('change', (event) => setVisible(['vacancies'], event.target.checked));
$('layer-projects').addEventListener('change', (event) => setVisible(['projects'], event.target.checked));
$('layer-zones').addEventListener('change', (event) => setVisible(['zones-fill', 'zones-line'], event.target.checked));
$('choropleth').addEventListener('change', applyChoropleth);
$('card-close').addEventListener('click', () => {
  $('card').hidden = true;
});
$('panel-toggle').addEventListener('click', () => {
  const collapsed = $('panel').classList.toggle('collapsed');
  $('panel-toggle').setAttribute('aria-expanded', String(!collapsed));
});
if (window.matchMedia('(max-width: 640px)').matches) $('panel').classList.add('collapsed');
$('legend').innerHTML = HAZARD_COLOURS.map(([, colour, label]) => `<li><span style="background:${colour}"></span>${label}</li>`).join('');
