import { sql, type Kysely } from 'kysely';

/**
 * Discovery (AS-21): whether employers may find the candidate, and whether they see the
 * contact details the candidate gives for that. Hidden by default; contact only when shared.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('career_profiles')
    .addColumn('discoverable', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('share_contact', 'boolean', (c) => c.notNull().defaultTo(false))
    // Shown to employers as given, never used to sign in: text, not citext.
    .addColumn('contact_email', 'text', (c) => c.check(sql`char_length(contact_email) <= 254`))
    .addColumn('contact_phone', 'text', (c) => c.check(sql`char_length(contact_phone) <= 40`))
    .execute();
  await db.schema.createIndex('career_profiles_discoverable_idx').on('career_profiles').column('user_id').where(sql.ref('discoverable'), '=', true).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('career_profiles_discoverable_idx').execute();
  await db.schema.alterTable('career_profiles').dropColumn('contact_phone').dropColumn('contact_email').dropColumn('share_contact').dropColumn('discoverable').execute();
}
