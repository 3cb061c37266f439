import { sql, type Kysely } from 'kysely';

/** Privacy and general preferences, and the onboarding steps done (ID-12, ID-16). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('settings', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`).check(sql`jsonb_typeof(settings) = 'object'`))
    .addColumn('onboarding_steps', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('onboarded_at', 'timestamptz')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('settings').dropColumn('onboarding_steps').dropColumn('onboarded_at').execute();
}
