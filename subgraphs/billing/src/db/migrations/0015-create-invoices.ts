import { sql, type Kysely } from 'kysely';

/**
 * Invoices: one per paid payment (a period or a purchase), numbered without gaps per
 * series (`JG-<year>`) from a counter row raised in the issuing transaction, with line
 * items whose amounts sum to the total (tax-free: tax is 0 until tax is in scope).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('invoice_series')
    .addColumn('series', 'text', (c) => c.primaryKey().check(sql`series ~ '^[A-Z]{2}-[0-9]{4}$'`))
    .addColumn('next_number', 'bigint', (c) => c.notNull().check(sql`next_number >= 1`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('invoices')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('series', 'text', (c) => c.notNull().references('invoice_series.series'))
    .addColumn('sequence', 'bigint', (c) => c.notNull().check(sql`sequence >= 1`))
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'uuid', (c) => c.notNull())
    .addColumn('company_id', 'uuid')
    .addColumn('payment_id', 'uuid', (c) => c.notNull().unique().references('payments.id'))
    .addColumn('period_start', 'timestamptz')
    .addColumn('period_end', 'timestamptz')
    .addColumn('currency', sql`char(3)`, (c) => c.notNull().check(sql`currency ~ '^[A-Z]{3}$'`))
    .addColumn('subtotal_cents', 'bigint', (c) => c.notNull().check(sql`subtotal_cents > 0`))
    .addColumn('tax_cents', 'bigint', (c) => c.notNull().defaultTo(0).check(sql`tax_cents = 0`))
    .addColumn('total_cents', 'bigint', (c) => c.notNull())
    .addColumn('issued_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('invoices_series_sequence_key', ['series', 'sequence'])
    .addCheckConstraint('invoices_total_sums', sql`total_cents = subtotal_cents + tax_cents`)
    .addCheckConstraint('invoices_period_order', sql`period_end is null or period_end > period_start`)
    .execute();
  await db.schema.createIndex('invoices_user_issued_idx').on('invoices').columns(['user_id', 'issued_at', 'id']).execute();
  await db.schema
    .createTable('invoice_lines')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('invoice_id', 'uuid', (c) => c.notNull().references('invoices.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull().check(sql`position >= 1`))
    .addColumn('description', 'text', (c) => c.notNull().check(sql`char_length(description) between 1 and 300`))
    .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity >= 1`))
    .addColumn('unit_amount_cents', 'bigint', (c) => c.notNull().check(sql`unit_amount_cents > 0`))
    .addColumn('amount_cents', 'bigint', (c) => c.notNull())
    // AI credits the line put in the ledger (a period's grant or a pack), when it did.
    .addColumn('credits', 'integer', (c) => c.check(sql`credits > 0`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('invoice_lines_position_key', ['invoice_id', 'position'])
    .addCheckConstraint('invoice_lines_amount', sql`amount_cents = quantity * unit_amount_cents`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('invoice_lines').execute();
  await db.schema.dropTable('invoices').execute();
  await db.schema.dropTable('invoice_series').execute();
}
