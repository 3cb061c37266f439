import { sql, type Kysely } from 'kysely';

/**
 * What each user's stored fit scores were computed from: a SHA-256 digest of their fit
 * inputs and the scoring rules. A profile event whose inputs give the same digest (a new
 * headline, summary or visibility) leaves the user's scores as they are instead of
 * recomputing one row per open listing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('fit_profile_digests')
    .addColumn('user_id', 'uuid', (c) => c.primaryKey())
    .addColumn('digest', 'text', (c) => c.notNull().check(sql`digest ~ '^[0-9a-f]{64}$'`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('fit_profile_digests').execute();
}
