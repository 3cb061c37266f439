import { InboundEmailProcessed, InboundEmailReviewed, pendingEvent, type PendingEvent } from '@jobgraph/kit';
import type { ParsedEmailRow } from '../../db/types.ts';

/** Keyed by the inbound email's id; ids, class and status only, never sender, subject or text. */
export function inboundEmailProcessed(row: ParsedEmailRow): PendingEvent {
  return pendingEvent(InboundEmailProcessed, row.id, {
    inboundEmailId: row.id,
    userId: row.user_id,
    provider: row.provider,
    classification: row.classification,
    confidence: row.confidence,
    status: row.status,
    applicationId: row.application_id,
    receivedAt: row.created_at.toISOString(),
  });
}

export function inboundEmailReviewed(row: ParsedEmailRow & { readonly classification: NonNullable<ParsedEmailRow['classification']>; readonly status: 'applied' | 'dismissed' }): PendingEvent {
  return pendingEvent(InboundEmailReviewed, row.id, {
    inboundEmailId: row.id,
    userId: row.user_id,
    classification: row.classification,
    status: row.status,
    applicationId: row.application_id,
    reviewedAt: row.updated_at.toISOString(),
  });
}
