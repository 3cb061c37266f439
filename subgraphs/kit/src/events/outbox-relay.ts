import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import type { Logger } from '../logger.ts';
import type { EventTables } from './event-tables.ts';
import { outboxChannel } from './outbox-writer.ts';
import { brokerRetentionMs, type TopicPolicy } from './topic-policy.ts';
import type { EventTransport, OutgoingMessage } from './transport.ts';

export interface OutboxRelayOptions<DB extends EventTables> {
  readonly db: Kysely<DB>;
  /** The domain's own connection URL, for the LISTEN connection. */
  readonly listenUrl: string;
  readonly transport: EventTransport;
  readonly logger: Logger;
  readonly batchSize?: number;
  /** Fallback poll interval when no NOTIFY arrives (a lost notification, a dropped LISTEN connection). */
  readonly pollMs?: number;
  /**
   * Published rows older than this are deleted (default 7 days), but never before the
   * broker would drop their records: a topic the broker keeps for longer keeps its
   * rows as long (see `TopicPolicy`).
   */
  readonly retentionHours?: number;
}

export interface OutboxRelay {
  start(): Promise<void>;
  /** Publishes until the outbox is empty; resolves with the number of events published. */
  flush(): Promise<number>;
  stop(): Promise<void>;
}

interface ClaimedRow {
  seq: number;
  id: string;
  topic: string;
  key: string;
  type: string;
  envelope: unknown;
  /** The first earlier unpublished row of this key another relay holds: this row must wait for it. */
  blocked_from: number | null;
}

/**
 * Moves committed outbox rows to the broker. Rows are claimed with FOR UPDATE SKIP
 * LOCKED inside a transaction held open until the broker acknowledges, so two relays
 * never publish the same row; a relay publishes a key's rows only while no earlier
 * row of that key is held by another relay, so each aggregate's events leave in
 * commit order. A crash between publish and commit republishes the batch: delivery
 * is at-least-once and consumers' inboxes make it exactly-once in effect.
 */
export function createOutboxRelay<DB extends EventTables>(options: OutboxRelayOptions<DB>): OutboxRelay {
  const db = options.db as unknown as Kysely<EventTables>;
  const batchSize = options.batchSize ?? 500;
  const pollMs = options.pollMs ?? 1_000;
  const logger = options.logger.child({ component: 'outbox-relay' });
  let running = false;
  let loop: Promise<void> | null = null;
  let wake: (() => void) | null = null;
  let listener: pg.Client | null = null;
  let lastCleanup = 0;
  /** A commit was notified while a batch was in flight: look again at once. */
  let notified = false;
  let failures = 0;

  /** `claimed` counts rows this relay locked; `published` those it could send without overtaking another relay. */
  async function publishBatch(): Promise<{ claimed: number; published: number }> {
    return db.transaction().execute(async (trx) => {
      // One query: the rows this relay locks, and for each, the first earlier unpublished
      // row of its key that another relay holds (a plain read does not wait for it).
      const claimed = (await sql<ClaimedRow>`
        with claimed as (
          select seq, id, topic, key, type, envelope from outbox
          where published_at is null
          order by seq
          limit ${batchSize}
          for update skip locked
        ), held_elsewhere as (
          select o.key, min(o.seq) as first from outbox o
          where o.published_at is null
            and o.key in (select key from claimed)
            and o.seq < (select max(seq) from claimed)
            and not exists (select 1 from claimed c where c.seq = o.seq)
          group by o.key
        )
        select c.seq, c.id, c.topic, c.key, c.type, c.envelope, h.first as blocked_from
        from claimed c left join held_elsewhere h on h.key = c.key
        order by c.seq`.execute(trx)).rows;
      if (claimed.length === 0) return { claimed: 0, published: 0 };
      const batch = claimed.filter((row) => row.blocked_from === null || row.seq < row.blocked_from);
      if (batch.length === 0) return { claimed: claimed.length, published: 0 };
      const messages: OutgoingMessage[] = batch.map((row) => ({
        topic: row.topic,
        key: row.key,
        value: JSON.stringify(row.envelope),
        headers: { 'content-type': 'application/cloudevents+json; charset=utf-8', ce_id: row.id, ce_type: row.type },
      }));
      await options.transport.publish(messages);
      await sql`update outbox set published_at = now() where seq = any(${batch.map((row) => row.seq)})`.execute(trx);
      return { claimed: claimed.length, published: batch.length };
    });
  }

  async function cleanup(): Promise<void> {
    if (Date.now() - lastCleanup < 3_600_000) return;
    lastCleanup = Date.now();
    await purgePublished(db, options.transport.topicPolicy, options.retentionHours ?? 24 * 7);
  }

  async function listen(): Promise<void> {
    const client = new pg.Client({ connectionString: options.listenUrl, application_name: 'jobgraph-outbox-listen' });
    client.on('notification', () => {
      notified = true;
      wake?.();
    });
    client.on('error', (error) => {
      logger.warn({ err: error }, 'LISTEN connection lost; polling until it is back');
      listener = null;
    });
    await client.connect();
    await client.query(`listen ${outboxChannel}`);
    listener = client;
  }

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      // stop() may have come while a batch was in flight, when there was no pause to wake.
      if (!running && loop !== null) {
        resolve();
        return;
      }
      const timer = setTimeout(() => {
        wake = null;
        resolve();
      }, ms);
      wake = () => {
        clearTimeout(timer);
        wake = null;
        resolve();
      };
    });

  async function run(): Promise<void> {
    while (running) {
      try {
        if (!listener) await listen().catch((error: unknown) => logger.warn({ err: error }, 'cannot LISTEN; polling'));
        notified = false;
        const { claimed, published } = await publishBatch();
        if (failures > 0) logger.info({ afterFailures: failures }, 'publishing again');
        failures = 0;
        await cleanup();
        if (published === batchSize || notified) continue;
        // Rows held back behind another relay's: look again soon rather than at the next poll.
        await pause(claimed > published ? 20 : pollMs);
      } catch (error) {
        failures += 1;
        // Broker or database down: the rows stay unpublished; back off and try again.
        const backoff = Math.min(pollMs * 2 ** Math.min(failures, 5), 15_000);
        if (failures === 1 || failures % 10 === 0) logger.warn({ err: error, failures, backoffMs: backoff }, 'outbox publish failed; will retry');
        if (running) await pause(backoff);
      }
    }
  }

  return {
    async start() {
      if (running) return;
      running = true;
      loop = run();
    },
    async flush() {
      let total = 0;
      for (;;) {
        const { claimed, published } = await publishBatch();
        total += published;
        if (claimed === 0) return total;
        if (published === 0) await pause(5);
      }
    },
    async stop() {
      running = false;
      wake?.();
      await loop;
      loop = null;
      await listener?.end().catch(() => {});
      listener = null;
    },
  };
}

/**
 * Deletes published outbox rows older than `hours`, topic by topic. A topic's horizon is
 * the later of `hours` and how long the broker keeps that topic's records, so the outbox
 * never gives up an event before the broker does.
 */
export async function purgePublished(db: Kysely<EventTables>, policy: TopicPolicy, hours: number): Promise<number> {
  const floorMs = hours * 3_600_000;
  const topics = (await sql<{ topic: string }>`
    select distinct topic from outbox where published_at < now() - make_interval(secs => ${floorMs / 1000})`.execute(db)).rows;
  let deleted = 0;
  for (const { topic } of topics) {
    const horizonMs = Math.max(floorMs, brokerRetentionMs(policy, topic) === Infinity ? 0 : brokerRetentionMs(policy, topic));
    const result = await sql`delete from outbox where topic = ${topic} and published_at < now() - make_interval(secs => ${horizonMs / 1000})`.execute(db);
    deleted += Number(result.numAffectedRows ?? 0);
  }
  return deleted;
}
