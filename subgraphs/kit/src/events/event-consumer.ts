import { sql, type Kysely } from 'kysely';
import type { Logger } from '../logger.ts';
import { parseCloudEvent, type CloudEvent, type EventDefinition } from './cloud-event.ts';
import type { EventTables } from './event-tables.ts';
import type { DeliveredMessage, EventTransport, Subscription } from './transport.ts';

/** Runs inside the transaction that records the event id: its writes and the inbox row commit together. */
export type EventHandler<DB, Data> = (trx: Kysely<DB>, event: CloudEvent<string, Data>) => Promise<void>;

export interface HandlerRegistration<DB> {
  readonly definition: EventDefinition;
  readonly handle: EventHandler<DB, unknown>;
}

/** Binds a handler to an event definition, typing its data. */
export function on<DB, Type extends string, Data>(definition: EventDefinition<Type, Data>, handle: EventHandler<DB, Data>): HandlerRegistration<DB> {
  return { definition, handle: handle as EventHandler<DB, unknown> };
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
}

export type ConsumeOutcome = 'handled' | 'duplicate' | 'ignored' | 'dead-lettered';

export interface EventConsumer {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Handles one message as the subscription would; exposed for tests. */
  consume(message: DeliveredMessage): Promise<ConsumeOutcome>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A domain's consumer. Each event runs in one transaction that first records its id
 * in the inbox, so a redelivered event (a rebalance, a crash before the offset
 * commit) has no second effect. A failing event is retried with exponential backoff,
 * then moved to the dead-letter topic with the error and its origin in headers, and
 * the partition moves on.
 */
export function createEventConsumer<DB extends EventTables>(options: EventConsumerOptions<DB>): EventConsumer {
  const retry = options.retry ?? defaultRetryPolicy;
  const logger = options.logger.child({ component: 'event-consumer', groupId: options.groupId });
  const handlers = new Map(options.handlers.map((registration) => [registration.definition.type, registration.handle]));
  const topics = [...new Set(options.handlers.map((registration) => registration.definition.topic))];
  let subscription: Subscription | null = null;
  let stopping = false;

  async function handleOnce(event: CloudEvent, handle: EventHandler<DB, unknown>): Promise<'handled' | 'duplicate'> {
    return options.db.transaction().execute(async (trx) => {
      const inbox = trx as unknown as Kysely<EventTables>;
      const recorded = await inbox
        .insertInto('inbox')
        .values({ event_id: event.id, type: event.type, source: event.source })
        .onConflict((oc) => oc.column('event_id').doNothing())
        .returning('event_id')
        .executeTakeFirst();
      if (!recorded) return 'duplicate';
      await handle(trx, event);
      return 'handled';
    });
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
    const handle = handlers.get(event.type);
    if (!handle) return 'ignored';
    let lastError: unknown;
    for (let attempt = 1; attempt <= retry.attempts; attempt += 1) {
      try {
        const outcome = await handleOnce(event, handle);
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
      subscription = await options.transport.subscribe({ groupId: options.groupId, topics, handle: async (message) => void (await consume(message)) });
    },
    async stop() {
      stopping = true;
      await subscription?.stop();
      subscription = null;
    },
    consume,
  };
}

/** How many events a domain's inbox has recorded; tests and health checks read it. */
export async function inboxCount<DB extends EventTables>(db: Kysely<DB>): Promise<number> {
  const result = await sql<{ n: number }>`select count(*)::int as n from inbox`.execute(db);
  return result.rows[0]?.n ?? 0;
}
