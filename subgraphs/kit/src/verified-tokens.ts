/**
 * Tokens whose signature was checked, remembered with what they said until they expire
 * (or `maxAgeMs` after the check, whichever comes first), so a token presented again costs
 * a map lookup instead of a signature verification (≈ 0.3 ms of CPU for an Ed25519 JWT).
 * Only tokens that passed are kept, keyed by the whole token, signature included, so any
 * other byte string is another key, checked in full. At most `maxEntries`, the oldest
 * dropped first.
 */
export interface VerifiedTokens<T> {
  /** What `token` said when it was checked, while it is still valid. */
  get(token: string): T | undefined;
  remember(token: string, value: T, expiresAtMs: number): void;
}

export interface VerifiedTokensOptions {
  readonly maxEntries?: number;
  readonly maxAgeMs?: number;
  readonly now?: () => number;
}

export function verifiedTokens<T>(options: VerifiedTokensOptions = {}): VerifiedTokens<T> {
  const maxEntries = options.maxEntries ?? 1000;
  const maxAgeMs = options.maxAgeMs ?? 60_000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, { readonly value: T; readonly until: number }>();
  return {
    get(token) {
      const entry = entries.get(token);
      if (entry === undefined) return undefined;
      if (entry.until > now()) return entry.value;
      entries.delete(token);
      return undefined;
    },
    remember(token, value, expiresAtMs) {
      const until = Math.min(expiresAtMs, now() + maxAgeMs);
      if (until <= now()) return;
      entries.delete(token);
      if (entries.size >= maxEntries) {
        const oldest = entries.keys().next();
        if (!oldest.done) entries.delete(oldest.value);
      }
      entries.set(token, { value, until });
    },
  };
}
