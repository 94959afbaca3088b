import { pino, type Logger } from 'pino';
import { loadConfig } from './config.js';

export type { Logger };

let root: Logger | undefined;

/** Structured JSON logs; every line of a service carries its name, every request line its id. */
export function logger(service: string): Logger {
  root ??= pino({ level: loadConfig().LOG_LEVEL, base: { pid: process.pid } });
  return root.child({ service });
}
