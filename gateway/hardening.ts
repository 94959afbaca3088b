import type { Config } from '../services/kernel/config.js';
import { refuseHostileInput } from './plugins/input-guard.js';
import { requestDeadline } from './plugins/response-shaping.js';

/**
 * Hive Gateway settings and plugins that bound what a request can cost or reveal (issue 17),
 * composed by gateway/engines/hive-gateway.ts: the pre-parse input check, introspection as a
 * setting (INTROSPECTION, off by default in production) and a per-request deadline. The body
 * limit and gzip for large answers are the HTTP server's (services/kernel/http.ts).
 */
export function gatewayHardening(config: Config) {
  return {
    options: config.introspection ? {} : { disableIntrospection: {} },
    plugins: [requestDeadline(config.GATEWAY_DEADLINE_MS), refuseHostileInput],
  };
}
