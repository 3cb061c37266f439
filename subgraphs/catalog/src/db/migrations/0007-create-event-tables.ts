import type { Kysely } from 'kysely';
import { createEventTablesV1 } from '@jobgraph/kit';

/** The outbox (events committed with the change that caused them) and the inbox (events handled once). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await createEventTablesV1(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('inbox').execute();
  await db.schema.dropTable('outbox').execute();
}
