// The map page's live part (docs/architecture.md §14): vacancyPosted and workingConditionsChanged
// for the current viewport over graphql-ws (one WebSocket to our own /graphql carries both, so the
// tiles keep the browser's few HTTP/1.1 connections). Each event flashes a marker, goes into the
// live feed and makes the tiles under it reload, so the layer shows the change.
// graphql-ws is loaded as a classic script (its UMD build, served by the gateway) before this module.
const { createClient } = window.graphqlWs;

const VACANCY_POSTED = `subscription ($area: AreaInput, $filter: VacancyFilter) {
  vacancyPosted(area: $area, filter: $filter) {
    id title occupationCode salaryMinTenge conditionsClass housingProvided openDays location { lat lon } enterprise { id name }
  }
}`;
// Public fields only: what an anonymous caller may see (the card asks for more with a token).
const CONDITIONS_CHANGED = `subscription ($area: AreaInput, $minClass: WorkingConditionsClass) {
  workingConditionsChanged(area: $area, minClass: $minClass) { id bin name hazardClass location { lat lon } }
}`;

const RESUBSCRIBE_AFTER_MS = 400;
/** The old viewport's subscriptions outlive the new ones' start by this much: no gap on a move. */
const OVERLAP_MS = 1500;
const MARKER_MS = 8000;
const FEED_LENGTH = 20;
const TILE_MAX_ZOOM = 14;

/** The viewport as an AreaInput bbox, inside the valid degrees (a wide screen at low zoom shows more than the world). */
function viewportArea(map) {
  const bounds = map.getBounds();
  const clamp = (value, limit) => Math.max(-limit, Math.min(limit, value));
  return {
    bbox: {
      west: clamp(bounds.getWest(), 180),
      south: clamp(bounds.getSouth(), 90),
      east: clamp(bounds.getEast(), 180),
      north: clamp(bounds.getNorth(), 90),
    },
  };
}

/** The tile holding a point at every zoom the sources serve: those in view reload, the others are ignored. */
function tilesAt({ lat, lon }) {
  const tiles = [];
  const rad = (lat * Math.PI) / 180;
  for (let z = 0; z <= TILE_MAX_ZOOM; z++) {
    const n = 2 ** z;
    const x = Math.min(n - 1, Math.floor(((lon + 180) / 360) * n));
    const y = Math.min(n - 1, Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n));
    tiles.push({ z, x, y });
  }
  return tiles;
}

/**
 * Starts the live view. `filters()` gives the page's current filters (the same names as the
 * subscriptions' arguments), `token()` the pasted token, `open(event)` opens an event's card.
 * Returns `restart()` (token changed: new connection) and `resubscribe()` (filters changed).
 */
export function startLive(map, { filters, token, open, escapeHtml }) {
  const feed = document.getElementById('live-feed');
  const status = document.getElementById('live-status');
  const markers = { type: 'FeatureCollection', features: [] };
  map.addSource('live', { type: 'geojson', data: markers });
  map.addLayer({
    id: 'live',
    type: 'circle',
    source: 'live',
    paint: {
      'circle-radius': 12,
      'circle-color': ['match', ['get', 'kind'], 'vacancy', '#6a51a3', '#d73027'],
      'circle-opacity': 0.25,
      'circle-stroke-width': 3,
      'circle-stroke-color': ['match', ['get', 'kind'], 'vacancy', '#6a51a3', '#d73027'],
    },
  });

  let client;
  let current = [];
  let timer;
  /** kind:id of events shown lately: the overlapping subscriptions of two viewports deliver some twice. */
  const seen = new Map();

  const setStatus = (state, text) => {
    feed.dataset.state = state;
    status.textContent = text;
  };

  function connect() {
    client = createClient({
      url: `${window.location.origin.replace(/^http/, 'ws')}/graphql`,
      connectionParams: () => (token() ? { authorization: `Bearer ${token().replace(/^Bearer\s+/i, '')}` } : {}),
      lazy: false,
      retryAttempts: Number.POSITIVE_INFINITY,
      shouldRetry: () => true,
      on: {
        connected: () => setStatus('connected', 'connected'),
        closed: () => setStatus('closed', 'reconnecting…'),
      },
    });
  }

  function flash(kind, location) {
    const feature = { type: 'Feature', properties: { kind }, geometry: { type: 'Point', coordinates: [location.lon, location.lat] } };
    markers.features.push(feature);
    map.getSource('live').setData(markers);
    setTimeout(() => {
      markers.features = markers.features.filter((other) => other !== feature);
      map.getSource('live').setData(markers);
    }, MARKER_MS);
  }

  function show(kind, item) {
    const key = `${kind}:${item.id}`;
    const now = Date.now();
    if ((seen.get(key) ?? 0) > now - OVERLAP_MS * 2) return;
    seen.set(key, now);
    for (const [other, at] of seen) if (at < now - OVERLAP_MS * 2) seen.delete(other);

    flash(kind, item.location);
    // The layer's tiles under the event are fetched again (revalidated: an unchanged one is a 304).
    map.refreshTiles(kind === 'vacancy' ? 'vacancies' : 'enterprises', tilesAt(item.location));
    const entry = document.createElement('li');
    entry.dataset.kind = kind;
    entry.dataset.id = item.id;
    const time = new Date().toLocaleTimeString('en-GB');
    const text =
      kind === 'vacancy'
        ? `New vacancy: ${escapeHtml(item.title)} <small>${escapeHtml(item.enterprise?.name)}</small>`
        : `Conditions: ${escapeHtml(item.name)} <small>${escapeHtml(item.hazardClass)}</small>`;
    entry.innerHTML = `<button type="button"><time>${time}</time> ${text}</button>`;
    entry.querySelector('button').addEventListener('click', () => {
      map.easeTo({ center: [item.location.lon, item.location.lat] });
      open(kind, item);
    });
    feed.prepend(entry);
    while (feed.children.length > FEED_LENGTH) feed.lastElementChild.remove();
  }

  function subscribe(query, variables, field, kind) {
    return client.subscribe(
      { query, variables },
      {
        next: (result) => {
          if (result.data?.[field]) show(kind, result.data[field]);
          if (result.errors?.length) setStatus('error', `${result.errors[0].extensions?.code ?? 'ERROR'}: ${result.errors[0].message}`);
        },
        error: (error) => {
          const first = Array.isArray(error) ? error[0] : error;
          setStatus('error', `${first?.extensions?.code ?? 'ERROR'}: ${first?.message ?? first?.reason ?? 'subscription failed'}`);
        },
        complete: () => undefined,
      },
    );
  }

  function resubscribe() {
    const area = viewportArea(map);
    const { vacancyFilter, minClass } = filters();
    const previous = current;
    current = [
      subscribe(VACANCY_POSTED, { area, filter: vacancyFilter }, 'vacancyPosted', 'vacancy'),
      subscribe(CONDITIONS_CHANGED, { area, minClass }, 'workingConditionsChanged', 'conditions'),
    ];
    feed.dataset.area = JSON.stringify(area.bbox);
    setTimeout(() => {
      for (const stop of previous) stop();
    }, OVERLAP_MS);
  }

  const debounced = () => {
    clearTimeout(timer);
    timer = setTimeout(resubscribe, RESUBSCRIBE_AFTER_MS);
  };

  connect();
  resubscribe();
  map.on('moveend', debounced);
  return {
    resubscribe: debounced,
    restart: () => {
      const old = client;
      current = [];
      connect();
      resubscribe();
      void old.dispose();
    },
  };
}
