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
