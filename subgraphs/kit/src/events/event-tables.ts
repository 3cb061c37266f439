import type { ColumnType, Generated } from 'kysely';

/** The outbox every domain schema holds: events committed with the change that caused them. */
export interface OutboxTable {
  /** Commit order within the domain; the relay publishes each key's events in this order. */
  seq: Generated<number>;
  id: string;
  topic: string;
  key: string;
  type: string;
  envelope: ColumnType<unknown, string, never>;
  created_at: Generated<Date>;
  published_at: Date | null;
}

/** Event ids a domain has handled: a redelivered event finds its id here and has no second effect. */
export interface InboxTable {
  event_id: string;
  type: string;
  source: string;
  received_at: Generated<Date>;
}

/** Mixed into each domain's `Database` interface. */
export interface EventTables {
  outbox: OutboxTable;
  inbox: InboxTable;
}
