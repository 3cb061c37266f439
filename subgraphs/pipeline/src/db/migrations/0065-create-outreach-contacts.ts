import { sql, type Kysely } from 'kysely';

/** People the user reaches out to about an application (PI-21): a name, a role, a profile, the channel. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('outreach_contacts')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('application_id', 'uuid', (c) => c.notNull().references('applications.id').onDelete('cascade'))
    // identity's user id: the application's owner.
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull().check(sql`char_length(name) between 1 and 200`))
    .addColumn('role', 'text', (c) => c.check(sql`char_length(role) <= 200`))
    .addColumn('profile_url', 'text', (c) => c.check(sql`char_length(profile_url) <= 2048`))
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('email', 'linkedin', 'phone', 'in_person', 'other')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('outreach_contacts_application_idx').on('outreach_contacts').columns(['application_id', 'created_at']).execute();
  await db.schema.createIndex('outreach_contacts_user_idx').on('outreach_contacts').column('user_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('outreach_contacts').execute();
}
