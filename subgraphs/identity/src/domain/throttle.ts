import { createHash } from 'node:crypto';
import { fail, userError, type Outcome } from '@jobgraph/kit';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/types.ts';

/** One counter: a kind of attempt by one subject (an account, an address, a network), and its limit. */
export interface ThrottleRule {
  readonly action: string;
  readonly subject: string;
  readonly limit: number;
}

/** The counter's key; the subject is hashed, so the table holds no address. */
export const throttleKey = (rule: Pick<ThrottleRule, 'action' | 'subject'>) => `${rule.action}:${createHash('sha256').update(rule.subject).digest('base64url')}`;

/** Seconds until the first rule that is spent lets attempts in again, or null when none is spent. */
export async function blockedFor(db: Kysely<Database>, rules: readonly ThrottleRule[]): Promise<number | null> {
  if (rules.length === 0) return null;
  const rows = await db.selectFrom('auth_throttles').select(['key', 'hits', 'window_ends_at']).where('key', 'in', rules.map(throttleKey)).where('window_ends_at', '>', new Date()).execute();
  let wait: number | null = null;
  for (const rule of rules) {
    const row = rows.find((r) => r.key === throttleKey(rule));
    if (row && row.hits >= rule.limit) wait = Math.max(wait ?? 0, Math.ceil((row.window_ends_at.getTime() - Date.now()) / 1000));
  }
  return wait;
}

/** Counts an attempt against each rule in a fixed window; atomic, so instances sharing the database share the count. */
export async function countAttempt(db: Kysely<Database>, rules: readonly ThrottleRule[], windowSeconds: number): Promise<void> {
  for (const rule of rules) {
    await sql`
      insert into auth_throttles (key, hits, window_ends_at) values (${throttleKey(rule)}, 1, now() + make_interval(secs => ${windowSeconds}))
      on conflict (key) do update set
        hits = case when auth_throttles.window_ends_at <= now() then 1 else auth_throttles.hits + 1 end,
        window_ends_at = case when auth_throttles.window_ends_at <= now() then excluded.window_ends_at else auth_throttles.window_ends_at end,
        updated_at = now()`.execute(db);
  }
}

export async function clearAttempts(db: Kysely<Database>, rules: readonly ThrottleRule[]): Promise<void> {
  if (rules.length > 0) await db.deleteFrom('auth_throttles').where('key', 'in', rules.map(throttleKey)).execute();
}

/** TOO_MANY_ATTEMPTS, saying when to try again. */
export const tooManyAttempts = (retryAfterSeconds: number): Outcome<never> =>
  fail(userError('TOO_MANY_ATTEMPTS', `Too many attempts. Try again in ${retryAfterSeconds} seconds (retry-after: ${retryAfterSeconds}).`));

/** Counts the attempt, and answers TOO_MANY_ATTEMPTS once the limit is passed: for requests that are always counted (mail). */
export async function admitAttempt(db: Kysely<Database>, rules: readonly ThrottleRule[], windowSeconds: number): Promise<Outcome<never> | null> {
  const wait = await blockedFor(db, rules);
  if (wait !== null) return tooManyAttempts(wait);
  await countAttempt(db, rules, windowSeconds);
  return null;
}
