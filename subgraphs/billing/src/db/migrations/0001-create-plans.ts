import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('plans')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('code', 'text', (c) => c.notNull().unique().check(sql`code ~ '^[a-z][a-z0-9_]{0,39}$'`))
    .addColumn('name', 'text', (c) => c.notNull().check(sql`char_length(name) between 1 and 100`))
    .addColumn('audience', 'text', (c) => c.notNull().check(sql`audience in ('candidate', 'employer')`))
    .addColumn('price_cents', 'bigint', (c) => c.notNull().check(sql`price_cents >= 0`))
    .addColumn('currency', sql`char(3)`, (c) => c.notNull().check(sql`currency ~ '^[A-Z]{3}$'`))
    .addColumn('billing_interval', 'text', (c) => c.notNull().check(sql`billing_interval in ('month', 'year', 'none')`))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // A plan that is never billed cannot cost anything.
    .addCheckConstraint('plans_unbilled_is_free', sql`billing_interval <> 'none' or price_cents = 0`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('plans').execute();
}
