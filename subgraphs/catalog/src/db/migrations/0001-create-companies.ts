import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('companies')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull().check(sql`char_length(name) between 1 and 200`))
    // Lower-case words joined by hyphens; never reused, so links to a company stay valid.
    .addColumn('slug', 'text', (c) => c.notNull().unique().check(sql`slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and char_length(slug) <= 80`))
    // The name without case, accents, punctuation or legal suffix: "Acme, Inc." and "ACME" are one company.
    .addColumn('normalized_name', 'text', (c) => c.notNull().check(sql`char_length(normalized_name) between 1 and 200`))
    .addColumn('website', 'text', (c) => c.check(sql`website ~* '^https?://' and char_length(website) <= 2000`))
    .addColumn('description', 'text', (c) => c.check(sql`char_length(description) <= 5000`))
    // The identity user who created it: a plain uuid, no foreign key across schemas.
    .addColumn('created_by', 'uuid', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('deleted_at', 'timestamptz')
    .execute();
  // One live company per normalized name; a deleted company frees its name (not its slug).
  await db.schema
    .createIndex('companies_normalized_name_live_key')
    .on('companies')
    .column('normalized_name')
    .unique()
    .where(sql.ref('deleted_at'), 'is', null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('companies').execute();
}
