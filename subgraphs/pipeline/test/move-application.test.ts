import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createKysely } from '@jobgraph/db';
import { useTracker } from './seed.ts';

const tracker = useTracker();

describe('moving an application', () => {
  it('changes its stage and records every move in the timeline, in order', async () => {
    const ada = tracker.candidate();
    const application = await ada.track({ title: 'Engineer' });
    const screened = await ada.move(application.id, 'Screening', 'Recruiter called');
    expect(screened.errors).toEqual([]);
    await ada.move(application.id, 'Interview');
    const rejected = await ada.move(application.id, 'Rejected', '  Went with someone internal.  ');
    expect(rejected.application?.stage).toMatchObject({ name: 'Rejected', kind: 'REJECTED' });
    expect(rejected.application?.history.map((h) => [h.fromStage?.name ?? null, h.toStage.name, h.note])).toEqual([
      [null, 'Applied', null],
      ['Applied', 'Screening', 'Recruiter called'],
      ['Screening', 'Interview', null],
      ['Interview', 'Rejected', 'Went with someone internal.'],
    ]);
    const times = rejected.application?.history.map((h) => Date.parse(h.changedAt)) ?? [];
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(rejected.application?.history.every((h) => h.changedBy?.id === ada.id)).toBe(true);
    expect(Date.parse(rejected.application?.updatedAt ?? '')).toBeGreaterThan(Date.parse(application.updatedAt));
  });

  it('may reopen a rejected application: a tracker records what happened', async () => {
    const ada = tracker.candidate();
    const application = await ada.track({ title: 'Engineer' });
    await ada.move(application.id, 'Rejected');
    const reopened = await ada.move(application.id, 'Interview', 'They called back');
    expect(reopened).toMatchObject({ errors: [], application: { stage: { name: 'Interview' } } });
  });

  it('refuses a move to the stage it is in as NO_CHANGE, and records nothing', async () => {
    const ada = tracker.candidate();
    const application = await ada.track({ title: 'Engineer' });
    const result = await ada.move(application.id, 'Applied');
    expect(result).toEqual({ application: null, errors: [expect.objectContaining({ code: 'NO_CHANGE', field: ['input', 'stageId'] })] });
    const after = await ada.request<{ application: { history: unknown[] } }>('query ($id: UUID!) { application(id: $id) { history { changedAt } } }', { id: application.id });
    expect(after.data?.application.history).toHaveLength(1);
  });

  it('refuses a stage of another user as STAGE_NOT_FOUND', async () => {
    const ada = tracker.candidate();
    const application = await ada.track({ title: 'Engineer' });
    const gracesOffer = await tracker.candidate().stageNamed('Offer');
    const result = await ada.move(application.id, gracesOffer.id);
    expect(result.errors).toEqual([expect.objectContaining({ code: 'STAGE_NOT_FOUND', field: ['input', 'stageId'] })]);
  });

  it('refuses an archived stage as STAGE_ARCHIVED', async () => {
    const ada = tracker.candidate();
    const application = await ada.track({ title: 'Engineer' });
    const offer = await ada.stageNamed('Offer');
    const admin = createKysely<unknown>({ url: tracker.database.urlFor('pipeline') });
    try {
      await sql`update application_stages set archived_at = now() where id = ${offer.id}`.execute(admin);
    } finally {
      await admin.destroy();
    }
    const result = await ada.move(application.id, offer.id);
    expect(result.errors).toEqual([expect.objectContaining({ code: 'STAGE_ARCHIVED' })]);
    expect((await ada.stages()).map((s) => s.name)).not.toContain('Offer');
  });

  it('refuses a note longer than 2,000 characters before touching the application', async () => {
    const ada = tracker.candidate();
    const application = await ada.track({ title: 'Engineer' });
    const screening = await ada.stageNamed('Screening');
    tracker.harness.resetQueries();
    const result = await ada.move(application.id, screening.id, 'x'.repeat(2001));
    expect(result.errors).toEqual([expect.objectContaining({ code: 'TOO_LONG', field: ['input', 'note'] })]);
    expect(tracker.harness.queries).toHaveLength(0);
  });

  it('rejects malformed ids as BAD_USER_INPUT before any SQL', async () => {
    const ada = tracker.candidate();
    tracker.harness.resetQueries();
    const result = await ada.request('mutation ($input: MoveApplicationInput!) { moveApplication(input: $input) { errors { code } } }', {
      input: { applicationId: '42', stageId: crypto.randomUUID() },
    });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // Written into the operation itself, the same value fails validation.
    const literal = await ada.request('mutation { moveApplication(input: { applicationId: "42", stageId: "also-not-a-uuid" }) { errors { code } } }');
    expect(literal.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(tracker.harness.queries).toHaveLength(0);
  });

  it('is UNAUTHENTICATED for an anonymous caller', async () => {
    const result = await tracker.harness.request('mutation ($input: MoveApplicationInput!) { moveApplication(input: $input) { errors { code } } }', {
      input: { applicationId: crypto.randomUUID(), stageId: crypto.randomUUID() },
    });
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
