import { badUserInput, isUser, isUuid, parsePage, toConnection } from '@jobgraph/kit';
import type { Invoice as InvoiceRow, InvoiceLine as InvoiceLineRow } from '../db/types.ts';
import { renderInvoicePdf } from '../invoice-pdf.ts';
import type { Context } from '../context.ts';
import type { InvoiceLineResolvers, InvoiceResolvers, QueryResolvers } from '../generated/resolvers.ts';

const money = (cents: number, currency: string) => ({ amountCents: cents, currency });

export const Invoice: InvoiceResolvers = {
  /** Someone else's invoice answers as if it did not exist. */
  __resolveReference: async (reference, { principal, loaders }) => {
    const invoice = await loaders.invoiceById.load(reference.id);
    return invoice && isUser(principal) && invoice.user_id === principal.userId.toLowerCase() ? invoice : null;
  },
  issuedAt: (invoice) => invoice.issued_at,
  periodStart: (invoice) => invoice.period_start,
  periodEnd: (invoice) => invoice.period_end,
  lines: async (invoice, _args, { loaders }) => (await loaders.invoiceLinesByInvoiceId.load(invoice.id)).map((line) => ({ ...line, currency: invoice.currency })),
  subtotal: (invoice) => money(invoice.subtotal_cents, invoice.currency),
  tax: (invoice) => money(invoice.tax_cents, invoice.currency),
  total: (invoice) => money(invoice.total_cents, invoice.currency),
  payment: async (invoice, _args, { loaders }) => {
    const payment = await loaders.paymentById.load(invoice.payment_id);
    if (!payment) throw new Error(`invoice ${invoice.id} refers to missing payment ${invoice.payment_id}`);
    return payment;
  },
  pdfBase64: async (invoice, _args, { loaders }) => (await renderInvoicePdf(invoice, await loaders.invoiceLinesByInvoiceId.load(invoice.id))).toString('base64'),
};

/** A line with its invoice's currency. */
export type InvoiceLineView = InvoiceLineRow & { readonly currency: string };

export const InvoiceLine: InvoiceLineResolvers = {
  unitAmount: (line) => money(line.unit_amount_cents, line.currency),
  amount: (line) => money(line.amount_cents, line.currency),
};

export const invoice: QueryResolvers['invoice'] = async (_parent, { id }, { principal, loaders }) => {
  const found = await loaders.invoiceById.load(id.toLowerCase());
  return found && isUser(principal) && found.user_id === principal.userId.toLowerCase() ? found : null;
};

/** `User.invoices`, for the user themself (checked by the caller): newest first, keyset by (issued_at, id). */
export const userInvoices = async (userId: string, args: { first?: number | null; after?: string | null }, db: Context['db']) => {
  const page = parsePage(args);
  if (page.after && (typeof page.after.key !== 'number' || !isUuid(page.after.id))) throw badUserInput('`after` is not a cursor this API issued.', { argument: 'after' });
  const after = page.after;
  const rows: InvoiceRow[] = await db
    .selectFrom('invoices')
    .selectAll()
    .where('user_id', '=', userId.toLowerCase())
    .$if(after !== null, (qb) =>
      qb.where((eb) => eb.or([eb('issued_at', '<', new Date(Number(after?.key))), eb.and([eb('issued_at', '=', new Date(Number(after?.key))), eb('id', '<', after?.id ?? '')])])),
    )
    .orderBy('issued_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
  const connection = toConnection(rows, page, (row) => ({ key: row.issued_at.getTime(), id: row.id }));
  return { edges: [...connection.edges], pageInfo: connection.pageInfo };
};
