import DataLoader from 'dataloader';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && uuidPattern.test(value);
}

/**
 * One query for every id asked for in a request. Ids that are not UUIDs resolve to
 * null without reaching Postgres (an `_entities` call may carry anything).
 */
export function loaderByUuid<V>(fetch: (ids: readonly string[]) => Promise<readonly V[]>, idOf: (row: V) => string): DataLoader<string, V | null> {
  return new DataLoader<string, V | null>(async (ids) => {
    const valid = [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))];
    const rows = valid.length > 0 ? await fetch(valid) : [];
    const byId = new Map(rows.map((row) => [idOf(row).toLowerCase(), row]));
    return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
  });
}

/** One query for the children of every parent asked for in a request. */
export function loaderOfLists<V>(fetch: (ids: readonly string[]) => Promise<readonly V[]>, parentOf: (row: V) => string): DataLoader<string, readonly V[]> {
  return new DataLoader<string, readonly V[]>(async (ids) => {
    const valid = [...new Set(ids.filter(isUuid))];
    const rows = valid.length > 0 ? await fetch(valid) : [];
    const groups = new Map<string, V[]>();
    for (const row of rows) {
      const key = parentOf(row);
      const group = groups.get(key);
      if (group) group.push(row);
      else groups.set(key, [row]);
    }
    return ids.map((id) => groups.get(id) ?? []);
  });
}
