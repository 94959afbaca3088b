import { createHash } from 'node:crypto';
import { BadInput, echo } from './errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Ids are uuids: anything else is a client mistake, reported before Postgres would reject the cast. */
export function parseUuid(value: string, argument: string): string {
  if (!isUuid(value)) throw new BadInput(argument, `${echo(value)} is not a uuid`);
  return value.toLowerCase();
}

/**
 * A name-based UUID (SHA-1, RFC 4122 version 5 layout) of the parts joined by `:`: the same
 * parts always give the same id, so the demo data is the same on every machine.
 */
export function nameBasedUuid(...parts: (string | number)[]): string {
  const hex = createHash('sha1').update(parts.join(':')).digest('hex').slice(0, 32).split('');
  hex[12] = '5';
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}
