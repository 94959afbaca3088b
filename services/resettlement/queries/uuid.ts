const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids reach SQL as `uuid`: anything else must be filtered out first or the whole batch fails. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
