import { createHash } from 'node:crypto';
import { appendToOutbox } from '@jobgraph/kit';
import type { Kysely } from 'kysely';
import type { Database, DbInboundProvider, DbParsedEmailStatus } from '../db/types.ts';
import { applyEmailEffect } from '../domain/email/apply-effect.ts';
import { inboundEmailProcessed } from '../domain/email/events.ts';
import { tokenOfRecipient } from '../domain/email/forwarding-address.ts';
import { isTrustedSender } from '../domain/email/trust.ts';
import type { EmailClassifier, ParsedEmail } from '../domain/email/types.ts';

/** Stored for review: the first 20,000 characters of the text. */
const storedTextLength = 20_000;

export interface InboundMessage {
  readonly provider: DbInboundProvider;
  /** The raw message (or, when a provider gives none, its canonical JSON) whose hash deduplicates. */
  readonly raw: Buffer | string;
  readonly email: ParsedEmail;
  /** Envelope recipients the provider names besides the headers (Delivered-To, the route's recipient). */
  readonly envelopeRecipients?: readonly string[];
}

export interface IngestionSettings {
  readonly db: Kysely<Database>;
  readonly classifier: EmailClassifier;
  /** The domain of forwarding addresses, e.g. `in.jobgraph.app`. */
  readonly inboundDomain: string;
}

export type IngestOutcome =
  | { readonly userId: string; readonly status: DbParsedEmailStatus; readonly inboundEmailId: string; readonly applicationId: string | null; readonly duplicate: boolean };

/**
 * Records a message for every user whose forwarding address it reached. From a sender
 * the user does not trust it is refused (recorded and counted, never classified or
 * applied); otherwise it is classified and its effect applied. The record, the effect
 * and the events commit in one transaction; the same raw message again (per user, by
 * sha-256) finds its record and changes nothing, even when both arrive at once.
 */
export async function ingestEmail(settings: IngestionSettings, message: InboundMessage): Promise<IngestOutcome[]> {
  const tokens = new Set(
    [...message.email.recipients, ...(message.envelopeRecipients ?? [])].map((address) => tokenOfRecipient(address, settings.inboundDomain)).filter((token): token is string => token !== null),
  );
  if (tokens.size === 0) return [];
  const owners = await settings.db.selectFrom('email_forwarding_addresses').select(['user_id', 'token']).where('token', 'in', [...tokens]).execute();
  const rawHash = createHash('sha256').update(message.raw).digest('hex');
  const outcomes: IngestOutcome[] = [];
  for (const owner of owners) outcomes.push(await ingestFor(settings, owner.user_id, rawHash, message));
  return outcomes;
}

async function ingestFor(settings: IngestionSettings, userId: string, rawHash: string, message: InboundMessage): Promise<IngestOutcome> {
  const { email } = message;
  const trusted = await settings.db.selectFrom('trusted_senders').select(['kind', 'sender']).where('user_id', '=', userId).execute();
  const isTrusted = isTrustedSender(email.from.address, trusted);
  const classification = isTrusted ? await settings.classifier.classify(email) : null;

  return settings.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('parsed_emails')
      .values({
        user_id: userId,
        raw_hash: rawHash,
        provider: message.provider,
        sender: email.from.address.slice(0, 320),
        subject: email.subject.slice(0, 998),
        body_text: classification ? email.text.slice(0, storedTextLength) : null,
        attachment_count: email.attachmentCount,
        sent_at: email.date,
        classification: classification?.kind ?? null,
        confidence: classification?.confidence ?? null,
        reasons: JSON.stringify(classification?.reasons ?? ['sender not trusted']),
        extracted: JSON.stringify(classification ? { company: classification.company, jobTitle: classification.jobTitle, dates: classification.dates } : {}),
        status: classification ? 'needs_review' : 'refused',
      })
      .onConflict((oc) => oc.columns(['user_id', 'raw_hash']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!inserted) {
      const existing = await trx.selectFrom('parsed_emails').select(['id', 'status', 'application_id']).where('user_id', '=', userId).where('raw_hash', '=', rawHash).executeTakeFirstOrThrow();
      return { userId, status: existing.status, inboundEmailId: existing.id, applicationId: existing.application_id, duplicate: true };
    }
    if (!classification) {
      await appendToOutbox(trx, [inboundEmailProcessed(inserted)]);
      return { userId, status: 'refused', inboundEmailId: inserted.id, applicationId: null, duplicate: false };
    }
    const effect = await applyEmailEffect(trx, userId, { inboundEmailId: inserted.id, subject: email.subject, sentAt: email.date }, classification);
    const row = await trx
      .updateTable('parsed_emails')
      .set({ status: effect.status, application_id: effect.applicationId, reasons: JSON.stringify([...classification.reasons, `effect: ${effect.reason}`]) })
      .where('id', '=', inserted.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendToOutbox(trx, [inboundEmailProcessed(row)]);
    return { userId, status: row.status, inboundEmailId: row.id, applicationId: row.application_id, duplicate: false };
  });
}
