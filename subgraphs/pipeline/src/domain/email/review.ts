import { appendToOutbox, fail, succeed, userError, type Outcome, type UserError } from '@jobgraph/kit';
import { sql } from 'kysely';
import type { DbEmailClass, ParsedEmailExtracted, ParsedEmailRow } from '../../db/types.ts';
import { maxShortTextLength, maxTitleLength } from '../application-input.ts';
import { cleanText } from '../clean-text.ts';
import type { PipelineDeps } from '../deps.ts';
import { applyEmailEffect } from './apply-effect.ts';
import { inboundEmailReviewed } from './events.ts';

export interface ConfirmCommand {
  readonly id: string;
  readonly classification?: DbEmailClass | null;
  readonly companyName?: string | null;
  readonly jobTitle?: string | null;
}

const notFound = () => fail(userError('NOT_FOUND', 'You have no inbound email with this id.', ['input', 'id']));
const notPending = () => fail(userError('NOT_PENDING', 'This email is not waiting for review.', ['input', 'id']));

/**
 * The user confirms a message that waited for review, as read or corrected: its effect
 * is applied as if the parser had been sure, in one transaction with InboundEmailReviewed.
 * Confirming it as unrelated dismisses it.
 */
export async function confirmInboundEmail(deps: PipelineDeps, userId: string, command: ConfirmCommand): Promise<Outcome<ParsedEmailRow>> {
  const errors: UserError[] = [];
  const company = cleanText(command.companyName, maxShortTextLength, { singleLine: true });
  if (!company.ok) errors.push(userError('TOO_LONG', `Use at most ${maxShortTextLength} characters.`, ['input', 'companyName']));
  const title = cleanText(command.jobTitle, maxTitleLength, { singleLine: true });
  if (!title.ok) errors.push(userError('TOO_LONG', `Use at most ${maxTitleLength} characters.`, ['input', 'jobTitle']));
  if (errors.length > 0 || !company.ok || !title.ok) return fail(...errors);

  return deps.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('parsed_emails').selectAll().where('id', '=', command.id.toLowerCase()).where('user_id', '=', userId).forUpdate().executeTakeFirst();
    if (!row) return notFound();
    if (row.status !== 'needs_review' || row.classification === null) return notPending();
    const extracted = row.extracted as Partial<ParsedEmailExtracted>;
    const classification = {
      kind: command.classification ?? row.classification,
      confidence: 1,
      reasons: [],
      company: company.value ?? extracted.company ?? null,
      jobTitle: title.value ?? extracted.jobTitle ?? null,
      dates: extracted.dates ?? [],
    };
    const effect = await applyEmailEffect(trx, userId, { inboundEmailId: row.id, subject: row.subject, sentAt: row.sent_at }, classification, 0);
    if (effect.status === 'needs_review') return fail(userError('COMPANY_REQUIRED', 'Name the company this email is about.', ['input', 'companyName']));
    const status = effect.status === 'applied' ? 'applied' : 'dismissed';
    const updated = await trx
      .updateTable('parsed_emails')
      .set({
        status,
        classification: classification.kind,
        application_id: effect.applicationId,
        extracted: JSON.stringify({ company: classification.company, jobTitle: classification.jobTitle, dates: classification.dates }),
        reasons: JSON.stringify([...(row.reasons as readonly string[]), `confirmed by the user: ${effect.reason}`]),
        updated_at: sql<Date>`now()`,
      })
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendToOutbox(trx, [inboundEmailReviewed({ ...updated, classification: classification.kind, status })]);
    return succeed(updated);
  });
}

/** The user dismisses a message that waited for review; it changes nothing else. */
export async function dismissInboundEmail(deps: PipelineDeps, userId: string, id: string): Promise<Outcome<ParsedEmailRow>> {
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('parsed_emails').selectAll().where('id', '=', id.toLowerCase()).where('user_id', '=', userId).forUpdate().executeTakeFirst();
    if (!row) return notFound();
    if (row.status !== 'needs_review' || row.classification === null) return notPending();
    const updated = await trx.updateTable('parsed_emails').set({ status: 'dismissed', updated_at: sql<Date>`now()` }).where('id', '=', row.id).returningAll().executeTakeFirstOrThrow();
    await appendToOutbox(trx, [inboundEmailReviewed({ ...updated, classification: row.classification, status: 'dismissed' })]);
    return succeed(updated);
  });
}
