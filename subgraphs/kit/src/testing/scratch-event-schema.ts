import { randomBytes } from 'node:crypto';
import { sql, type Generated, type Kysely } from 'kysely';
import { createKysely } from '@jobgraph/db';
import type { TestDatabase } from '@jobgraph/db/testing';
import { createEventTablesV1, type EventTables } from '../events.ts';

export interface EffectTable {
  id: Generated<string>;
  subject: string;
  seq: number;
}

export interface ScratchDatabase extends EventTables {
  effects: EffectTable;
}

/** A throw-away schema with the outbox/inbox tables and an `effects` table for handlers to write. */
export async function scratchEventSchema(database: TestDatabase): Promise<{ db: Kysely<ScratchDatabase>; url: string; drop(): Promise<void> }> {
  const schema = `kit_${randomBytes(4).toString('hex')}`;
  const admin = createKysely<unknown>({ url: database.adminUrl, maxConnections: 1 });
  await sql`create schema ${sql.id(schema)}`.execute(admin);
  await admin.destroy();
  const url = new URL(database.adminUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const db = createKysely<ScratchDatabase>({ url: url.toString(), maxConnections: 6 });
  await createEventTablesV1(db);
  await db.schema
    .createTable('effects')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .execute();
  return { db, url: url.toString(), drop: () => db.destroy() };
}
