import { sql, type Kysely } from 'kysely';

/**
 * The outbox and inbox tables, version 1. Domain migrations call this; it never
 * changes (a new shape is a new function), so the migrations stay frozen in time.
 */
export async function createEventTablesV1<DB>(db: Kysely<DB>): Promise<void> {
  await db.schema
    .createTable('outbox')
    .addColumn('seq', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('id', 'uuid', (c) => c.notNull().unique())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('envelope', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('published_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('outbox_unpublished_idx').on('outbox').column('seq').where(sql.ref('published_at'), 'is', null).execute();
  await db.schema.createIndex('outbox_unpublished_key_idx').on('outbox').columns(['key', 'seq']).where(sql.ref('published_at'), 'is', null).execute();
  await db.schema.createIndex('outbox_published_at_idx').on('outbox').column('published_at').execute();
  await db.schema
    .createTable('inbox')
    .addColumn('event_id', 'uuid', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}
