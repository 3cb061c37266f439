import { sql, type QueryExecutorProvider } from 'kysely';
import { createCloudEvent, type CloudEvent, type EventDefinition } from './cloud-event.ts';

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
 * exist exactly when the state change does, and wakes the relay on commit. Takes any
 * Kysely handle or transaction, whatever its table types.
 */
export async function appendToOutbox(trx: QueryExecutorProvider, events: readonly PendingEvent[]): Promise<readonly CloudEvent[]> {
  if (events.length === 0) return [];
  const envelopes = events.map((event) => createCloudEvent(event.definition, event.subject, event.data));
  const rows = envelopes.map((envelope, index) => {
    const topic = events[index]?.definition.topic ?? '';
    return sql`(${envelope.id}::uuid, ${topic}, ${envelope.subject}, ${envelope.type}, ${JSON.stringify(envelope)}::jsonb)`;
  });
  // One round trip: the insert runs as a data-modifying CTE whatever the outer select reads.
  // NOTIFY is transactional: the relay hears it only if the change commits.
  await sql`with appended as (insert into outbox (id, topic, key, type, envelope) values ${sql.join(rows)} returning seq) select pg_notify(${outboxChannel}, '')`.execute(trx);
  return envelopes;
}
