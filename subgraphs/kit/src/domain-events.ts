import type { Kysely } from 'kysely';
import { deadLetterTopic } from './contracts/index.ts';
import { createEventConsumer, type HandlerRegistration, type RetryPolicy } from './events/event-consumer.ts';
import type { EventTables } from './events/event-tables.ts';
import { createOutboxRelay } from './events/outbox-relay.ts';
import type { EventTransport } from './events/transport.ts';
import type { Logger } from './logger.ts';

export interface DomainEventsOptions<DB extends EventTables> {
  readonly domain: string;
  readonly db: Kysely<DB>;
  /** The domain's own connection URL, for the relay's LISTEN connection. */
  readonly databaseUrl: string;
  readonly transport: EventTransport;
  /** Topics this domain publishes to; created before the relay starts. */
  readonly publishes: readonly string[];
  readonly handlers: readonly HandlerRegistration<DB>[];
  readonly logger: Logger;
  readonly retry?: RetryPolicy;
}

export interface DomainEvents {
  stop(): Promise<void>;
}

/**
 * A domain's part in the event backbone: its outbox relay, and one consumer group
 * (`jobgraph.<domain>`) for what it reacts to. Each subgraph's start calls this once.
 */
export async function startDomainEvents<DB extends EventTables>(options: DomainEventsOptions<DB>): Promise<DomainEvents> {
  const logger = options.logger.child({ domain: options.domain });
  // Its dead-letter topic too, consumer or not, so every topic the AsyncAPI declares exists; and the
  // topics it consumes, since a contract may be consumed before its publisher ships (billing's usage events).
  await options.transport.ensureTopics([...new Set([...options.publishes, ...options.handlers.map((handler) => handler.definition.topic), deadLetterTopic(options.domain)])]);
  const relay = createOutboxRelay({ db: options.db, listenUrl: options.databaseUrl, transport: options.transport, logger });
  const consumer = createEventConsumer({
    db: options.db,
    transport: options.transport,
    groupId: `jobgraph.${options.domain}`,
    handlers: options.handlers,
    deadLetterTopic: deadLetterTopic(options.domain),
    logger,
    ...(options.retry ? { retry: options.retry } : {}),
  });
  await relay.start();
  await consumer.start();
  return {
    async stop() {
      await consumer.stop();
      await relay.stop();
    },
  };
}
