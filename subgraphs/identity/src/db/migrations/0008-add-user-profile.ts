import { sql, type Kysely } from 'kysely';

/** The account profile a person edits themself (ID-11). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('first_name', 'text', (c) => c.check(sql`char_length(first_name) between 1 and 100`))
    .addColumn('last_name', 'text', (c) => c.check(sql`char_length(last_name) between 1 and 100`))
    .addColumn('avatar_url', 'text', (c) => c.check(sql`char_length(avatar_url) <= 2048 and avatar_url ~ '^https://'`))
    .addColumn('phone', 'text', (c) => c.check(sql`phone ~ '^\\+[1-9][0-9]{6,14}$'`))
    .addColumn('timezone', 'text', (c) => c.check(sql`char_length(timezone) <= 64`))
    .addColumn('locale', 'text', (c) => c.check(sql`char_length(locale) <= 35`))
    .addColumn('bio', 'text', (c) => c.check(sql`char_length(bio) <= 2000`))
    .addColumn('links', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`).check(sql`cardinality(links) <= 10`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ['first_name', 'last_name', 'avatar_url', 'phone', 'timezone', 'locale', 'bio', 'links']) {
    await db.schema.alterTable('users').dropColumn(column).execute();
  }
}
