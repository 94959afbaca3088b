import type { Config } from '../services/kernel/config.js';
import { bodyLimit } from './plugins/body-limit.js';
import { refuseHostileInput } from './plugins/input-guard.js';
import { compressLargeResponses, requestDeadline } from './plugins/response-shaping.js';

/**
 * Hive Gateway settings and plugins that bound what a request can cost or reveal (issue 17),
 * composed by gateway/engines/hive-gateway.ts: the pre-parse input check, introspection as a
 * setting (INTROSPECTION, off by default in production), a per-request deadline and gzip for
 * large answers.
 */
export function gatewayHardening(config: Config) {
  return {
    options: config.introspection ? {} : { disableIntrospection: {} },
    plugins: [bodyLimit(config.MAX_BODY_BYTES), requestDeadline(config.GATEWAY_DEADLINE_MS), compressLargeResponses(config.COMPRESS_MIN_BYTES), refuseHostileInput],
  };
}
