import { sql, type Kysely } from 'kysely';

/**
 * Plans learn what the pricing page and checkout need: one highlighted plan per audience,
 * a free trial length, and whether the plan is sold per seat (employer tiers).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('plans')
    .addColumn('highlighted', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('trial_days', 'integer', (c) => c.notNull().defaultTo(0).check(sql`trial_days between 0 and 90`))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo('').check(sql`char_length(description) <= 500`))
    .execute();
  // At most one highlighted plan per audience, and only one on sale.
  await db.schema
    .createIndex('plans_highlighted_per_audience_key')
    .on('plans')
    .column('audience')
    .unique()
    .where(sql.ref('highlighted'), '=', true)
    .execute();
  await sql`alter table plans add constraint plans_highlighted_is_active check (not highlighted or active)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table plans drop constraint plans_highlighted_is_active`.execute(db);
  await db.schema.dropIndex('plans_highlighted_per_audience_key').execute();
  await db.schema.alterTable('plans').dropColumn('highlighted').dropColumn('trial_days').dropColumn('description').execute();
}
