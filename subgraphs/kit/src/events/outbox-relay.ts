import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { statementHint } from '@jobgraph/db';
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
  /**
   * Loops publishing side by side (default 2), each for its own share of the keys (by a
   * hash of the key), so one's database work overlaps another's wait for the broker. A
   * key always falls in the same lane, so its events still leave in commit order.
   */
  readonly lanes?: number;
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
  const lanes = Math.max(1, options.lanes ?? 2);
  const pollMs = options.pollMs ?? 1_000;
  const logger = options.logger.child({ component: 'outbox-relay' });
  let running = false;
  let loops: Promise<void>[] | null = null;
  let listener: pg.Client | null = null;
  let lastCleanup = 0;
  interface Lane {
    readonly index: number;
    wake: (() => void) | null;
    /** A commit was notified while a batch was in flight: look again at once. */
    notified: boolean;
    failures: number;
  }
  const laneStates: Lane[] = Array.from({ length: lanes }, (_, index) => ({ index, wake: null, notified: false, failures: 0 }));
  const wakeLane = (lane: Lane) => {
    lane.notified = true;
    lane.wake?.();
  };
  const wakeAll = () => laneStates.forEach(wakeLane);
  /**
   * The mark is the same text at every batch: prepared once per connection. The claim is not:
   * prepared, Postgres turns to a generic plan after five runs that does not know the limits
   * and the backlog, and a claim took 150 ms instead of a few (bench:events, steady run).
   */
  const markHint = sql.raw(statementHint('prepared', 'with-next'));

  /** `claimed` counts rows this relay locked; `published` those it could send without overtaking another relay. */
  async function publishBatch(lane: number): Promise<{ claimed: number; published: number }> {
    const inLane = lanes === 1 ? sql`true` : sql`(hashtext(key) & 2147483647) % ${lanes} = ${lane}`;
    return db.transaction().execute(async (trx) => {
      // One query. The oldest unpublished rows (by the partial index on seq), of them this
      // lane's, locked; and for each key, the first earlier unpublished row another relay
      // holds (a plain read does not wait for it): the key's rows from there must wait.
      const claimed = (await sql<ClaimedRow>`
        with oldest as (
          select seq from outbox where published_at is null order by seq limit ${batchSize * lanes}
        ), claimed as (
          select seq, id, topic, key, type, envelope from outbox
          where seq = any(array(select seq from oldest)) and published_at is null and ${inLane}
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
      // Goes out with the COMMIT (one round trip for both); should it fail, the COMMIT does.
      await sql`${markHint}update outbox set published_at = now() where seq = any(${batch.map((row) => row.seq)}::bigint[])`.execute(trx);
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
    client.on('notification', wakeAll);
    client.on('error', (error) => {
      logger.warn({ err: error }, 'LISTEN connection lost; polling until it is back');
      listener = null;
    });
    await client.connect();
    await client.query(`listen ${outboxChannel}`);
    listener = client;
  }

  const pause = (lane: Lane, ms: number) =>
    new Promise<void>((resolve) => {
      // stop() may have come while a batch was in flight, when there was no pause to wake.
      if (!running && loops !== null) {
        resolve();
        return;
      }
      const timer = setTimeout(() => {
        lane.wake = null;
        resolve();
      }, ms);
      lane.wake = () => {
        clearTimeout(timer);
        lane.wake = null;
        resolve();
      };
    });

  let listening: Promise<void> | null = null;
  async function run(lane: Lane): Promise<void> {
    while (running) {
      try {
        if (!listener) {
          listening ??= listen()
            .catch((error: unknown) => logger.warn({ err: error }, 'cannot LISTEN; polling'))
            .finally(() => (listening = null));
          await listening;
        }
        lane.notified = false;
        const { claimed, published } = await publishBatch(lane.index);
        if (lane.failures > 0) logger.info({ afterFailures: lane.failures, lane: lane.index }, 'publishing again');
        lane.failures = 0;
        if (lane.index === 0) await cleanup();
        // The oldest rows were this lane's: the others' may be next, behind them.
        if (published > 0) for (const other of laneStates) if (other !== lane) wakeLane(other);
        if (published === batchSize || lane.notified) continue;
        // Rows held back behind another relay's: look again soon rather than at the next poll.
        await pause(lane, claimed > published ? 20 : pollMs);
      } catch (error) {
        lane.failures += 1;
        // Broker or database down: the rows stay unpublished; back off and try again.
        const backoff = Math.min(pollMs * 2 ** Math.min(lane.failures, 5), 15_000);
        if (lane.failures === 1 || lane.failures % 10 === 0) logger.warn({ err: error, failures: lane.failures, backoffMs: backoff, lane: lane.index }, 'outbox publish failed; will retry');
        if (running) await pause(lane, backoff);
      }
    }
  }

  return {
    async start() {
      if (running) return;
      running = true;
      loops = laneStates.map(run);
    },
    async flush() {
      let total = 0;
      // Lanes go round together: one lane's rows may be found only once another's ahead of them have gone.
      for (;;) {
        const rounds = await Promise.all(laneStates.map((lane) => publishBatch(lane.index)));
        total += rounds.reduce((sum, round) => sum + round.published, 0);
        if (rounds.every((round) => round.claimed === 0)) return total;
        if (rounds.every((round) => round.published === 0)) await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    async stop() {
      running = false;
      for (const lane of laneStates) lane.wake?.();
      await Promise.all(loops ?? []);
      loops = null;
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
