import { sql, type Kysely } from 'kysely';
import { statementHint } from '@jobgraph/db';
import type { Logger } from '../logger.ts';
import { parseCloudEvent, type CloudEvent, type EventDefinition } from './cloud-event.ts';
import type { EventTables } from './event-tables.ts';
import { defaultMaxBatchSize, type DeliveredMessage, type EventTransport, type Subscription } from './transport.ts';

/**
 * Runs inside the transaction that records the event id: its writes and the inbox row commit
 * together. Only those writes count: an attempt may be rolled back after the handler ran (a
 * failure, a retry, an event found already recorded), so nothing else should be done here.
 */
export type EventHandler<DB, Data> = (trx: Kysely<DB>, event: CloudEvent<string, Data>) => Promise<void>;

/**
 * A set-wise handler: consecutive events of its type from one partition, in partition
 * order, each new to the inbox, inside the batch's transaction. It applies them
 * together (one multi-row statement instead of one per event) and must leave what
 * handling them one by one in that order would.
 */
export type EventSetHandler<DB, Data> = (trx: Kysely<DB>, events: readonly CloudEvent<string, Data>[]) => Promise<void>;

export interface HandlerRegistration<DB> {
  readonly definition: EventDefinition;
  readonly handleAll: EventSetHandler<DB, unknown>;
}

/** Binds a handler to an event definition, typing its data; a batch's events are handed to it one by one, in order. */
export function on<DB, Type extends string, Data>(definition: EventDefinition<Type, Data>, handle: EventHandler<DB, Data>): HandlerRegistration<DB> {
  const one = handle as EventHandler<DB, unknown>;
  return {
    definition,
    handleAll: async (trx, events) => {
      for (const event of events) await one(trx, event);
    },
  };
}

/** Binds a set-wise handler (see `EventSetHandler`): for projections that can apply a run of events in one statement. */
export function onBatch<DB, Type extends string, Data>(definition: EventDefinition<Type, Data>, handleAll: EventSetHandler<DB, Data>): HandlerRegistration<DB> {
  return { definition, handleAll: handleAll as EventSetHandler<DB, unknown> };
}

export interface RetryPolicy {
  /** Attempts before the event goes to the dead-letter topic. */
  readonly attempts: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { attempts: 5, initialDelayMs: 100, maxDelayMs: 5_000 };

export interface EventConsumerOptions<DB extends EventTables> {
  readonly db: Kysely<DB>;
  readonly transport: EventTransport;
  /** One consumer group per subgraph: `jobgraph.<domain>`. */
  readonly groupId: string;
  readonly handlers: readonly HandlerRegistration<DB>[];
  readonly deadLetterTopic: string;
  readonly logger: Logger;
  readonly retry?: RetryPolicy;
  /** Most messages of one partition handled in one transaction (default 500). */
  readonly maxBatchSize?: number;
}

export type ConsumeOutcome = 'handled' | 'duplicate' | 'ignored' | 'dead-lettered';

export interface EventConsumer {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Handles one message on its own; exposed for tests. */
  consume(message: DeliveredMessage): Promise<ConsumeOutcome>;
  /** Handles consecutive messages of one partition as the subscription does; one outcome per message. */
  consumeBatch(messages: readonly DeliveredMessage[]): Promise<ConsumeOutcome[]>;
}

interface Work<DB> {
  readonly event: CloudEvent;
  readonly handleAll: EventSetHandler<DB, unknown>;
}

interface Parsed {
  readonly message: DeliveredMessage;
  readonly event: CloudEvent | null;
}

/** A unique violation on the inbox: an event id recorded before (node-postgres's error fields). */
function isInboxConflict(error: unknown): boolean {
  const fields = error as { code?: unknown; table?: unknown } | null;
  return typeof fields === 'object' && fields !== null && fields.code === '23505' && fields.table === 'inbox';
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A domain's consumer. It takes a partition's messages in batches; a batch runs in one
 * transaction that first records every event id in the inbox (one row per event, in
 * one statement), then runs the handlers in partition order, so a redelivered event (a
 * rebalance, a crash before the offset commit) has no second effect, and a crash
 * mid-batch leaves either all of the batch's effects or none.
 *
 * When the batch transaction fails, nothing of it is kept and its events run again one
 * by one, each in its own transaction, in order: a failing event is retried with
 * exponential backoff, then moved alone to the dead-letter topic with the error and its
 * origin in headers, and the partition moves on.
 */
export function createEventConsumer<DB extends EventTables>(options: EventConsumerOptions<DB>): EventConsumer {
  const retry = options.retry ?? defaultRetryPolicy;
  const logger = options.logger.child({ component: 'event-consumer', groupId: options.groupId });
  const handlers = new Map(options.handlers.map((registration) => [registration.definition.type, registration.handleAll]));
  const topics = [...new Set(options.handlers.map((registration) => registration.definition.topic))];
  let subscription: Subscription | null = null;
  let stopping = false;

  /** Records the events' ids in the inbox in one statement; answers the ids that were new. */
  async function record(trx: Kysely<DB>, events: readonly CloudEvent[]): Promise<Set<string>> {
    // The same text for any batch: prepared once per connection.
    const recorded = await sql<{ event_id: string }>`${sql.raw(statementHint('prepared'))}
      insert into inbox (event_id, type, source)
      select * from unnest(${events.map((event) => event.id)}::uuid[], ${events.map((event) => event.type)}::text[], ${events.map((event) => event.source)}::text[])
      on conflict (event_id) do nothing
      returning event_id`.execute(trx);
    return new Set(recorded.rows.map((row) => row.event_id));
  }

  /**
   * Records the events' ids in the inbox, assuming every one is new (the usual case: a batch
   * is redelivered only after a crash or a rebalance). The statement reads nothing back, so
   * it goes out with the handlers' first statement (or the COMMIT) instead of costing the
   * batch a round trip of its own (see @jobgraph/db `statementHint`); an id already there
   * fails that statement with a unique violation on the inbox, and nothing of the batch is kept.
   */
  async function recordAllNew(trx: Kysely<DB>, events: readonly CloudEvent[]): Promise<void> {
    await sql`${sql.raw(statementHint('prepared', 'with-next'))}
      insert into inbox (event_id, type, source)
      select * from unnest(${events.map((event) => event.id)}::uuid[], ${events.map((event) => event.type)}::text[], ${events.map((event) => event.source)}::text[])`.execute(trx);
  }

  /**
   * The events new to the inbox, in order, each once (a second copy in the same batch, as a
   * relay that published twice sends, finds its id taken), handed to their handlers in
   * runs of consecutive events of one type. Throws, keeping nothing, if a handler throws.
   *
   * First as if every event were new (one round trip less); if one was already recorded,
   * that transaction keeps nothing and the batch runs again, reading which are new.
   */
  async function handleInOrder(work: readonly Work<DB>[]): Promise<Set<string>> {
    const unique = [...new Map(work.map(({ event }) => [event.id, event])).values()];
    try {
      return await handleIn(work, async (trx) => {
        await recordAllNew(trx, unique);
        return new Set(unique.map((event) => event.id));
      });
    } catch (error) {
      if (!isInboxConflict(error)) throw error;
      return handleIn(work, (trx) => record(trx, unique));
    }
  }

  async function handleIn(work: readonly Work<DB>[], recordNew: (trx: Kysely<DB>) => Promise<Set<string>>): Promise<Set<string>> {
    return options.db.transaction().execute(async (trx) => {
      const fresh = await recordNew(trx);
      const handled = new Set<string>();
      let run: CloudEvent[] = [];
      let runHandler: EventSetHandler<DB, unknown> | null = null;
      for (const { event, handleAll } of work) {
        if (!fresh.has(event.id) || handled.has(event.id)) continue;
        handled.add(event.id);
        if (handleAll !== runHandler && runHandler) {
          await runHandler(trx, run);
          run = [];
        }
        runHandler = handleAll;
        run.push(event);
      }
      if (runHandler) await runHandler(trx, run);
      return handled;
    });
  }

  async function consumeBatch(messages: readonly DeliveredMessage[]): Promise<ConsumeOutcome[]> {
    const parsed: Parsed[] = messages.map((message) => ({ message, event: parseCloudEvent(message.value) }));
    const work = parsed.flatMap(({ event }) => {
      const handleAll = event && event.id.length > 0 ? handlers.get(event.type) : undefined;
      return event && handleAll ? [{ event, handleAll }] : [];
    });
    if (work.length > 1) {
      let handled: Set<string> | null = null;
      try {
        handled = await handleInOrder(work);
      } catch (error) {
        if (stopping) throw error;
        logger.warn({ err: error, events: work.length }, 'batch failed; handling its events one by one');
      }
      if (handled) {
        const counted = new Set<string>();
        const outcomes: ConsumeOutcome[] = [];
        for (const { message, event } of parsed) {
          if (!event || event.id.length === 0) outcomes.push(await consume(message));
          else if (!handlers.has(event.type)) outcomes.push('ignored');
          else if (handled.has(event.id) && !counted.has(event.id)) {
            counted.add(event.id);
            outcomes.push('handled');
          } else outcomes.push('duplicate');
        }
        return outcomes;
      }
    }
    const outcomes: ConsumeOutcome[] = [];
    for (const { message } of parsed) outcomes.push(await consume(message));
    return outcomes;
  }

  async function deadLetter(message: DeliveredMessage, error: unknown, attempts: number): Promise<void> {
    const failure = error instanceof Error ? error : new Error(String(error));
    await options.transport.publish([
      {
        topic: options.deadLetterTopic,
        key: message.key,
        value: message.value,
        headers: {
          ...message.headers,
          'x-error-name': failure.name,
          'x-error-message': failure.message.slice(0, 1000),
          'x-origin-topic': message.topic,
          'x-origin-partition': String(message.partition),
          'x-origin-offset': message.offset,
          'x-consumer-group': options.groupId,
          'x-attempts': String(attempts),
          'x-failed-at': new Date().toISOString(),
        },
      },
    ]);
  }

  async function consume(message: DeliveredMessage): Promise<ConsumeOutcome> {
    const event = parseCloudEvent(message.value);
    if (!event || event.id.length === 0) {
      logger.error({ topic: message.topic, offset: message.offset }, 'not a CloudEvent; dead-lettering');
      await deadLetter(message, new Error('message is not a CloudEvents 1.0 JSON envelope'), 0);
      return 'dead-lettered';
    }
    const handleAll = handlers.get(event.type);
    if (!handleAll) return 'ignored';
    let lastError: unknown;
    for (let attempt = 1; attempt <= retry.attempts; attempt += 1) {
      try {
        const outcome = (await handleInOrder([{ event, handleAll }])).size > 0 ? 'handled' : 'duplicate';
        if (outcome === 'duplicate') logger.debug({ eventId: event.id, type: event.type }, 'duplicate event skipped');
        return outcome;
      } catch (error) {
        lastError = error;
        if (stopping) throw error;
        if (attempt < retry.attempts) await sleep(Math.min(retry.initialDelayMs * 4 ** (attempt - 1), retry.maxDelayMs));
        // Stopping mid-backoff: leave the event unacknowledged for the next run.
        if (stopping) throw error;
      }
    }
    logger.error({ err: lastError, eventId: event.id, type: event.type, attempts: retry.attempts }, 'event failed every attempt; dead-lettering');
    await deadLetter(message, lastError, retry.attempts);
    return 'dead-lettered';
  }

  return {
    async start() {
      if (subscription || topics.length === 0) return;
      await options.transport.ensureTopics([...topics, options.deadLetterTopic]);
      subscription = await options.transport.subscribe({
        groupId: options.groupId,
        topics,
        handle: async (message) => void (await consume(message)),
        handleBatch: async (messages) => void (await consumeBatch(messages)),
        maxBatchSize: options.maxBatchSize ?? defaultMaxBatchSize,
      });
    },
    async stop() {
      stopping = true;
      await subscription?.stop();
      subscription = null;
    },
    consume,
    consumeBatch,
  };
}

/** How many events a domain's inbox has recorded; tests and health checks read it. */
export async function inboxCount<DB extends EventTables>(db: Kysely<DB>): Promise<number> {
  const result = await sql<{ n: number }>`select count(*)::int as n from inbox`.execute(db);
  return result.rows[0]?.n ?? 0;
}
