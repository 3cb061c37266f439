import { sql, type Kysely } from 'kysely';
import { createCloudEvent, type CloudEvent, type EventDefinition } from './cloud-event.ts';
import type { EventTables } from './event-tables.ts';

export const outboxChannel = 'jobgraph_outbox';

export interface PendingEvent<Type extends string = string, Data = unknown> {
  readonly definition: EventDefinition<Type, Data>;
  readonly subject: string;
  readonly data: Data;
}

/** Pairs a definition with its subject and data, checking the data's type. */
export function pendingEvent<Type extends string, Data>(definition: EventDefinition<Type, Data>, subject: string, data: Data): PendingEvent<Type, Data> {
  return { definition, subject, data };
}

/**
 * Writes events into the domain's outbox inside the caller's transaction, so they
 * exist exactly when the state change does, and wakes the relay on commit.
 */
export async function appendToOutbox<DB extends EventTables>(trx: Kysely<DB>, events: readonly PendingEvent[]): Promise<readonly CloudEvent[]> {
  if (events.length === 0) return [];
  const db = trx as unknown as Kysely<EventTables>;
  const envelopes = events.map((event) => createCloudEvent(event.definition, event.subject, event.data));
  await db
    .insertInto('outbox')
    .values(envelopes.map((envelope, index) => ({
      id: envelope.id,
      topic: events[index]?.definition.topic ?? '',
      key: envelope.subject,
      type: envelope.type,
      envelope: JSON.stringify(envelope),
      published_at: null,
    })))
    .execute();
  // NOTIFY is transactional: the relay hears it only if the change commits.
  await sql`select pg_notify(${outboxChannel}, '')`.execute(db);
  return envelopes;
}
