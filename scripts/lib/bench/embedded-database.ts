import { startEmbeddedPostgis } from '../embedded-postgis.js';

/**
 * `npm run bench -- --embedded`: the embedded PGlite + PostGIS in a process of its own (as the
 * subgraphs are), so the load generator's event loop does not share a thread with the database.
 * Prints its URL as the first line on stdout; stops on SIGTERM.
 */
const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: embedded-database.ts <data directory>');
const embedded = await startEmbeddedPostgis(dataDir);
process.stdout.write(`${embedded.url}\n`);
process.once('SIGTERM', () => void embedded.close().then(() => process.exit(0)));
