/** A least-recently-used map of query texts, bounded by entries and by the bytes of the texts it holds. */
export interface BoundedCache {
  get(key: string): string | undefined;
  set(key: string, text: string): void;
  readonly size: number;
}

export function boundedCache(options: { maxEntries: number; maxBytes: number }): BoundedCache {
  const entries = new Map<string, string>();
  let bytes = 0;
  const drop = (key: string) => {
    const text = entries.get(key);
    if (text === undefined) return;
    entries.delete(key);
    bytes -= Buffer.byteLength(text);
  };
  return {
    get(key) {
      const text = entries.get(key);
      if (text !== undefined) {
        entries.delete(key);
        entries.set(key, text);
      }
      return text;
    },
    set(key, text) {
      const size = Buffer.byteLength(text);
      if (size > options.maxBytes) return;
      drop(key);
      entries.set(key, text);
      bytes += size;
      while (entries.size > options.maxEntries || bytes > options.maxBytes) drop(entries.keys().next().value as string);
    },
    get size() {
      return entries.size;
    },
  };
}
