import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('application_stages')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // identity's user id: no foreign key across schemas.
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull().check(sql`char_length(name) between 1 and 60`))
    .addColumn('position', 'integer', (c) => c.notNull().check(sql`position >= 0`))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('applied', 'screening', 'interview', 'offer', 'hired', 'rejected', 'withdrawn')`),
    )
    .addColumn('archived_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('application_stages_user_position_key', ['user_id', 'position'])
    // Lets applications reference (stage, owner) together, so a row can never sit in someone else's stage.
    .addUniqueConstraint('application_stages_id_user_key', ['id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('application_stages_user_name_key')
    .on('application_stages')
    .columns(['user_id'])
    .expression(sql`lower(name)`)
    .unique()
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('application_stages').execute();
}
