import { describe, expect, it } from 'vitest';
import { isEditableMessage, outreachTransitions, planOutreachMove, type OutreachStatus } from '../../src/domain/outreach-status.ts';

const now = new Date('2027-02-01T10:00:00Z');
const statuses: OutreachStatus[] = ['draft', 'queued', 'sent', 'replied', 'bounced'];

describe('the outreach state machine (PI-21)', () => {
  it('goes draft → queued → sent → replied or bounced, setting the times as it goes', () => {
    expect(planOutreachMove('draft', 'queued', now)).toEqual({ ok: true, value: { status: 'queued' } });
    expect(planOutreachMove('queued', 'sent', now)).toEqual({ ok: true, value: { status: 'sent', sentAt: now } });
    expect(planOutreachMove('sent', 'replied', now)).toEqual({ ok: true, value: { status: 'replied', answeredAt: now } });
    expect(planOutreachMove('sent', 'bounced', now)).toEqual({ ok: true, value: { status: 'bounced', answeredAt: now } });
    expect(planOutreachMove('queued', 'draft', now)).toEqual({ ok: true, value: { status: 'draft', sentAt: null } });
  });

  it('refuses every other move, the final statuses and staying put included', () => {
    const allowed = new Set(['draft>queued', 'queued>draft', 'queued>sent', 'sent>replied', 'sent>bounced']);
    for (const from of statuses) {
      for (const to of statuses) {
        const outcome = planOutreachMove(from, to, now);
        expect(outcome.ok, `${from}>${to}`).toBe(allowed.has(`${from}>${to}`));
        if (!outcome.ok) expect(outcome.errors[0]?.code).toBe('INVALID_TRANSITION');
      }
    }
    expect(outreachTransitions.replied).toEqual([]);
    expect(outreachTransitions.bounced).toEqual([]);
  });

  it('lets only a draft be edited', () => {
    expect(statuses.filter(isEditableMessage)).toEqual(['draft']);
  });
});
