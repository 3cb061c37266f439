import type { Kysely } from 'kysely';
import type { Database, Invoice, Payment } from '../db/types.ts';

export interface InvoiceLineDraft {
  readonly description: string;
  readonly quantity: number;
  readonly unitAmountCents: number;
  readonly credits: number | null;
}

export interface InvoiceDraft {
  readonly periodStart: Date | null;
  readonly periodEnd: Date | null;
  readonly lines: readonly InvoiceLineDraft[];
}

/** The series an invoice issued at `at` is numbered in: one per calendar year (UTC). */
export const invoiceSeries = (at: Date) => `JG-${at.getUTCFullYear()}`;

/** `JG-2030-000042`. */
export const invoiceNumber = (series: string, sequence: number) => `${series}-${String(sequence).padStart(6, '0')}`;

/**
 * The next number of the series, taken by raising its counter row in the caller's
 * transaction: concurrent issuers queue on the row lock, and a rollback returns the
 * number, so the numbers have no gaps.
 */
async function nextSequence(trx: Kysely<Database>, series: string): Promise<number> {
  const row = await trx
    .insertInto('invoice_series')
    .values({ series, next_number: 2 })
    .onConflict((oc) => oc.column('series').doUpdateSet((eb) => ({ next_number: eb('invoice_series.next_number', '+', 1), updated_at: new Date() })))
    .returning('next_number')
    .executeTakeFirstOrThrow();
  return row.next_number - 1;
}

/**
 * Issues the invoice of a paid payment, in the transaction that marks it paid: its lines
 * must add up to the amount paid (tax-free), or nothing is issued.
 */
export async function issueInvoice(trx: Kysely<Database>, payment: Payment, draft: InvoiceDraft, now: Date): Promise<Invoice> {
  const subtotal = draft.lines.reduce((sum, line) => sum + line.quantity * line.unitAmountCents, 0);
  if (subtotal !== payment.amount_cents) throw new Error(`invoice lines of payment ${payment.id} add up to ${subtotal}, not ${payment.amount_cents}`);
  const series = invoiceSeries(now);
  const sequence = await nextSequence(trx, series);
  const invoice = await trx
    .insertInto('invoices')
    .values({
      series,
      sequence,
      number: invoiceNumber(series, sequence),
      user_id: payment.user_id,
      company_id: payment.company_id,
      payment_id: payment.id,
      period_start: draft.periodStart,
      period_end: draft.periodEnd,
      currency: payment.currency,
      subtotal_cents: subtotal,
      total_cents: subtotal,
      issued_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('invoice_lines')
    .values(
      draft.lines.map((line, index) => ({
        invoice_id: invoice.id,
        position: index + 1,
        description: line.description,
        quantity: line.quantity,
        unit_amount_cents: line.unitAmountCents,
        amount_cents: line.quantity * line.unitAmountCents,
        credits: line.credits,
      })),
    )
    .execute();
  return invoice;
}
