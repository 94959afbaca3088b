import DataLoader from 'dataloader';

/**
 * A DataLoader whose batch function fetches all rows for the keys in one statement; rows come
 * back in any order and are matched to keys here (missing keys give null).
 */
export function rowLoader<Key extends string | number, Row>(
  fetch: (keys: readonly Key[]) => Promise<Row[]>,
  keyOf: (row: Row) => Key,
): DataLoader<Key, Row | null> {
  return new DataLoader<Key, Row | null>(async (keys) => {
    const byKey = new Map((await fetch(keys)).map((row) => [keyOf(row), row]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** Same, for one-to-many: every key gets the (possibly empty) list of its rows. */
export function groupLoader<Key extends string | number, Row>(
  fetch: (keys: readonly Key[]) => Promise<Row[]>,
  keyOf: (row: Row) => Key,
): DataLoader<Key, Row[]> {
  return new DataLoader<Key, Row[]>(async (keys) => {
    const groups = new Map<Key, Row[]>(keys.map((key) => [key, []]));
    for (const row of await fetch(keys)) groups.get(keyOf(row))?.push(row);
    return keys.map((key) => groups.get(key) ?? []);
  });
}

/**
 * One DataLoader per distinct set of arguments: fields asked with the same arguments for many
 * parents (the usual case) share one batch and one statement.
 */
export function perArguments<Args, Loader>(create: (args: Args) => Loader): (args: Args) => Loader {
  const loaders = new Map<string, Loader>();
  return (args) => {
    const key = JSON.stringify(args);
    let loader = loaders.get(key);
    if (!loader) {
      loader = create(args);
      loaders.set(key, loader);
    }
    return loader;
  };
}

/** A DataLoader over a batch function that answers with a map; a key it leaves out is an error. */
export function mapLoader<Key extends string | number, Value>(fetch: (keys: readonly Key[]) => Promise<Map<Key, Value>>): DataLoader<Key, Value> {
  return new DataLoader<Key, Value>(async (keys) => {
    const values = await fetch(keys);
    return keys.map((key) => values.get(key) ?? new Error(`nothing loaded for ${key}`));
  });
}
