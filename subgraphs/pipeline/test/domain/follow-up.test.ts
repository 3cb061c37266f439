import { describe, expect, it } from 'vitest';
import { followUpFor } from '../../src/domain/follow-up.ts';

describe('followUpFor', () => {
  const enteredAt = new Date('2025-03-01T09:30:00.123Z');

  it('asks to follow up on an application 7 days after it entered an applied stage', () => {
    expect(followUpFor('applied', enteredAt)).toEqual({ kind: 'application_follow_up', title: 'Follow up on your application', dueAt: new Date('2025-03-08T09:30:00.123Z') });
  });

  it('asks to prepare for an interview within a day', () => {
    expect(followUpFor('interview', enteredAt)).toEqual({ kind: 'interview_preparation', title: 'Prepare for the interview', dueAt: new Date('2025-03-02T09:30:00.123Z') });
  });

  it('asks to respond to an offer within 3 days', () => {
    expect(followUpFor('offer', enteredAt)).toEqual({ kind: 'offer_response', title: 'Respond to the offer', dueAt: new Date('2025-03-04T09:30:00.123Z') });
  });

  it('asks nothing for screening and the final stages', () => {
    for (const kind of ['screening', 'hired', 'rejected', 'withdrawn'] as const) expect(followUpFor(kind, enteredAt)).toBeNull();
  });

  it('counts from when the stage was entered, so the same change always yields the same due date', () => {
    expect(followUpFor('offer', enteredAt)).toEqual(followUpFor('offer', new Date(enteredAt)));
  });
});
