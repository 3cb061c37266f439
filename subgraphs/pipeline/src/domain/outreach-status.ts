import { fail, succeed, userError, type Outcome } from '@jobgraph/kit';

export type OutreachStatus = 'draft' | 'queued' | 'sent' | 'replied' | 'bounced';

/**
 * Where a message may go from each status (PI-21): a draft is queued; a queued one is
 * sent, or taken back to draft for another edit; a sent one was replied to or bounced.
 * Replied and bounced are final.
 */
export const outreachTransitions: Readonly<Record<OutreachStatus, readonly OutreachStatus[]>> = {
  draft: ['queued'],
  queued: ['draft', 'sent'],
  sent: ['replied', 'bounced'],
  replied: [],
  bounced: [],
};

export interface OutreachMove {
  readonly status: OutreachStatus;
  /** Set when the message leaves for its contact; null when it goes back to draft. */
  readonly sentAt?: Date | null;
  /** Set when the contact answered or the message bounced. */
  readonly answeredAt?: Date;
}

/** The move from `from` to `to` at `now`, with the times it sets; INVALID_TRANSITION for any other. */
export function planOutreachMove(from: OutreachStatus, to: OutreachStatus, now: Date): Outcome<OutreachMove> {
  if (!outreachTransitions[from].includes(to)) {
    return fail(userError('INVALID_TRANSITION', `A ${from} message cannot become ${to}.`, ['input', 'status']));
  }
  if (to === 'sent') return succeed({ status: to, sentAt: now });
  if (to === 'replied' || to === 'bounced') return succeed({ status: to, answeredAt: now });
  if (to === 'draft') return succeed({ status: to, sentAt: null });
  return succeed({ status: to });
}

/** Only a draft's text may change: what was queued or sent stays as it went. */
export function isEditableMessage(status: OutreachStatus): boolean {
  return status === 'draft';
}
