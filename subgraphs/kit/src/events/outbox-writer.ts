import { sql, type QueryExecutorProvider } from 'kysely';
import { statementHint } from '@jobgraph/db';
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
  const column = <T>(pick: (envelope: CloudEvent, index: number) => T) => envelopes.map(pick);
  // One statement, the same text for any number of events (prepared once per connection),
  // sent with the transaction's next statement, usually its COMMIT (see @jobgraph/db
  // `statementHint`): a mutation pays no round trip for its events. Should it fail, that
  // COMMIT fails with its error and nothing of the transaction is kept.
  // NOTIFY is transactional: the relay hears it only if the change commits.
  await sql`${sql.raw(statementHint('prepared', 'with-next'))}with appended as (
      insert into outbox (id, topic, key, type, envelope)
      select id, topic, key, type, envelope
      from unnest(${column((envelope) => envelope.id)}::uuid[], ${column((_, index) => events[index]?.definition.topic ?? '')}::text[], ${column((envelope) => envelope.subject)}::text[], ${column((envelope) => envelope.type)}::text[], ${column((envelope) => JSON.stringify(envelope))}::jsonb[])
        with ordinality as event (id, topic, key, type, envelope, position)
      order by position
      returning seq)
    select pg_notify(${outboxChannel}, '')`.execute(trx);
  return envelopes;
}
