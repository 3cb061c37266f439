import { mkdtemp, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql, type Kysely, type LogEvent } from 'kysely';
import { createKysely, startEmbeddedPostgres, type Pipelining } from '@jobgraph/db';
import { appendToOutbox, createEventTablesV1, createLogger, defineEvent, on, onBatch, pendingEvent, type EventDefinition, type HandlerRegistration } from '@jobgraph/kit';
import type { ScratchDatabase } from '@jobgraph/kit/testing';

export const logger = createLogger('bench', 'error');
/** Aggregates the bench's events are spread over: the Kafka key, so per-key order is exercised. */
export const keys = 50;

export type Counted = EventDefinition<'jobgraph.bench.counter.counted.v1', { n: number }>;
export const countedOn = (topic: string): Counted => defineEvent<{ n: number }>()('jobgraph.bench.counter.counted.v1', { domain: 'bench', topic });

/** The consumer's effect, one row per event: a per-event handler writes it with one INSERT per event… */
export const perEventHandler = (counted: Counted): HandlerRegistration<ScratchDatabase> =>
  on(counted, async (trx, event) => void (await trx.insertInto('effects').values({ subject: event.subject, seq: event.data.n }).execute()));
/** …a set-wise one with one INSERT per run of events. */
export const setWiseHandler = (counted: Counted): HandlerRegistration<ScratchDatabase> =>
  onBatch(counted, async (trx, events) => void (await trx.insertInto('effects').values(events.map((event) => ({ subject: event.subject, seq: event.data.n }))).execute()));

export async function startPostgres(): Promise<{ adminUrl: string; dataDir: string | null; stop(): Promise<void> }> {
  if (process.env.DATABASE_URL) return { adminUrl: process.env.DATABASE_URL, dataDir: null, stop: async () => {} };
  const dataParent = await mkdtemp(path.join(tmpdir(), 'jobgraph-bench-'));
  await chmod(dataParent, 0o755);
  const dataDir = path.join(dataParent, 'data');
  const postgres = await startEmbeddedPostgres({ dataDir, persistent: false });
  return { adminUrl: postgres.adminUrl, dataDir, stop: () => postgres.stop() };
}

/** Time spent in SQL, per kind of statement, by one Kysely instance. */
export class QueryClock {
  readonly ms = new Map<string, number>();
  readonly count = new Map<string, number>();
  /** Labels by statement text: a bench statement's text repeats (its values are parameters), so each is worked out once. */
  readonly #labels = new Map<string, string>();
  readonly record = (event: LogEvent) => {
    const text = event.query.sql;
    let label = this.#labels.get(text);
    if (label === undefined) {
      label = QueryClock.label(text.trim());
      this.#labels.set(text, label);
    }
    this.ms.set(label, (this.ms.get(label) ?? 0) + event.queryDurationMillis);
    this.count.set(label, (this.count.get(label) ?? 0) + 1);
  };
  static label(text: string): string {
    // A statement hint (see @jobgraph/db `statementHint`) is shown as a mark after the statement's first words.
    const hints = /^\/\*jobgraph:([^*]*)\*\/\s*/.exec(text);
    return `${text.slice(hints?.[0].length ?? 0).split(/\s+/).slice(0, 3).join(' ').toLowerCase()}${hints?.[1]?.includes('with-next') ? ' (with next)' : ''}`;
  }
  total(): number {
    return [...this.ms.values()].reduce((sum, ms) => sum + ms, 0);
  }
  /** Statements sent. */
  statements(): number {
    return [...this.count.values()].reduce((sum, n) => sum + n, 0);
  }
  /**
   * Statements that waited for an answer of their own: a transaction's BEGIN goes out with its
   * first statement, and a `with-next` statement (the outbox append, the relay's mark) with the
   * COMMIT after it (see @jobgraph/db `pipelineTransactions`), so neither is a round trip. With
   * `pipelining` off in part, those are counted as round trips again.
   */
  roundTrips(pipelining: Pipelining = benchPipelining): number {
    const free = ([label]: [string, number]) => (pipelining.begin !== false && /^(begin|start transaction)\b/.test(label)) || (pipelining.withNext !== false && label.endsWith(' (with next)'));
    return this.statements() - [...this.count].filter(free).reduce((sum, [, n]) => sum + n, 0);
  }
}

/** A fresh schema with the outbox, inbox and an `effects` table; answers its URL. */
export async function createBenchSchema(adminUrl: string, name: string): Promise<string> {
  const admin = createKysely<unknown>({ url: adminUrl, maxConnections: 1 });
  await sql`drop schema if exists ${sql.id(name)} cascade`.execute(admin);
  await sql`create schema ${sql.id(name)}`.execute(admin);
  await admin.destroy();
  const url = new URL(adminUrl);
  url.searchParams.set('options', `-c search_path=${name}`);
  const db = connect(url.toString(), 1);
  await createEventTablesV1(db);
  await db.schema.createTable('effects').addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`)).addColumn('subject', 'text', (c) => c.notNull()).addColumn('seq', 'integer', (c) => c.notNull()).execute();
  await db.destroy();
  return url.toString();
}

/** What this round changed, off: BEGIN folded with the first statement, nothing else (the previous round's pools). */
export const previousPipelining: Pipelining = { begin: true, withNext: false, prepared: false };
/** BENCH_PIPELINING=previous runs every pool as the previous round did, to compare whole runs. */
const benchPipelining: Pipelining = process.env.BENCH_PIPELINING === 'previous' ? previousPipelining : {};

export const connect = (url: string, maxConnections: number, clock?: QueryClock, pipelining: Pipelining = benchPipelining): Kysely<ScratchDatabase> =>
  createKysely<ScratchDatabase>({ url, maxConnections, pipelining, ...(clock ? { onQuery: clock.record } : {}) });

/** A domain change and its event in one transaction, as a mutation commits them; answers the event id. */
export async function commitOne(db: Kysely<ScratchDatabase>, counted: Counted, n: number): Promise<string> {
  return db.transaction().execute(async (trx) => {
    await trx.insertInto('effects').values({ subject: `source-${n % keys}`, seq: -n - 1 }).execute();
    const [event] = await appendToOutbox(trx, [pendingEvent(counted, `k${n % keys}`, { n })]);
    return event?.id ?? '';
  });
}

/** `count` events committed ahead (a burst: an import, a consumer back from an outage), `chunk` per transaction; answers their ids in order. */
export async function commitBacklog(db: Kysely<ScratchDatabase>, counted: Counted, count: number, chunk = 500): Promise<string[]> {
  const ids: string[] = [];
  for (let from = 0; from < count; from += chunk) {
    const size = Math.min(chunk, count - from);
    const events = await db.transaction().execute(async (trx) => {
      await trx.insertInto('effects').values(Array.from({ length: size }, (_, i) => ({ subject: 'source', seq: -(from + i) - 1 }))).execute();
      return appendToOutbox(trx, Array.from({ length: size }, (_, i) => pendingEvent(counted, `k${(from + i) % keys}`, { n: from + i })));
    });
    ids.push(...events.map((event) => event.id));
  }
  return ids;
}

/** Runs `commit(n)` for n in [0, count) from `writers` concurrent writers; with `rate`, the n-th starts no earlier than n/rate s in. */
export async function runWriters(count: number, writers: number, commit: (n: number) => Promise<void>, rate?: number): Promise<void> {
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: writers }, async () => {
      for (let n = next++; n < count; n = next++) {
        if (rate) {
          const wait = started + (n * 1000) / rate - performance.now();
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        }
        await commit(n);
      }
    }),
  );
}
