import PDFDocument from 'pdfkit';
import type { Invoice, InvoiceLine } from './db/types.ts';

const money = (cents: number, currency: string) => `${(cents / 100).toFixed(2)} ${currency}`;

/** The invoice as a one-page PDF (pdfkit), for the user to download. */
export function renderInvoicePdf(invoice: Invoice, lines: readonly InvoiceLine[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `Invoice ${invoice.number}`, Author: 'Jobgraph' } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.fontSize(20).text(`Invoice ${invoice.number}`);
    doc.fontSize(10).moveDown().text(`Issued ${invoice.issued_at.toISOString().slice(0, 10)}`);
    if (invoice.period_start && invoice.period_end) doc.text(`Period ${invoice.period_start.toISOString().slice(0, 10)} to ${invoice.period_end.toISOString().slice(0, 10)}`);
    doc.moveDown();
    for (const line of lines) doc.text(`${line.position}. ${line.description}  ×${line.quantity}  ${money(line.amount_cents, invoice.currency)}`);
    doc.moveDown().text(`Subtotal ${money(invoice.subtotal_cents, invoice.currency)}`);
    doc.text(`Tax ${money(invoice.tax_cents, invoice.currency)}`);
    doc.fontSize(12).text(`Total ${money(invoice.total_cents, invoice.currency)}`);
    doc.end();
  });
}
