import { describe, expect, it } from 'vitest';
import { useTracker } from './seed.ts';

const tracker = useTracker();

describe('creating an application', () => {
  it('links a catalog listing as a federation reference, in the first stage, with a first timeline entry', async () => {
    const ada = tracker.candidate();
    const listingId = crypto.randomUUID();
    const application = await ada.applyTo(listingId, { notes: '  Referred by Grace.  ' });
    expect(application).toMatchObject({
      job: { id: listingId },
      manualJob: null,
      stage: { name: 'Applied', kind: 'APPLIED', position: 1 },
      notes: 'Referred by Grace.',
      history: [{ fromStage: null, toStage: { name: 'Applied' }, note: null, changedBy: { id: ada.id } }],
    });
    expect(application.appliedAt).toBe(application.createdAt);
  });

  it('tracks a job entered by hand, cleaned up', async () => {
    const ada = tracker.candidate();
    const application = await ada.track({ title: '  Staff   Engineer ', companyName: 'Analytical Engines', url: 'https://example.com/jobs/1', location: 'London' });
    expect(application).toMatchObject({
      job: null,
      manualJob: { title: 'Staff Engineer', companyName: 'Analytical Engines', url: 'https://example.com/jobs/1', location: 'London' },
      stage: { name: 'Applied' },
    });
  });

  it('starts in the stage asked for and keeps the date the candidate applied', async () => {
    const ada = tracker.candidate();
    const interview = await ada.stageNamed('Interview');
    const appliedAt = '2025-03-01T09:00:00.000Z';
    const application = await ada.track({ title: 'Engineer' }, { stageId: interview.id, appliedAt });
    expect(application.stage.id).toBe(interview.id);
    expect(application.appliedAt).toBe(appliedAt);
    expect(application.history.map((h) => h.toStage.name)).toEqual(['Interview']);
  });

  it('gives a new user the seven default stages on first need, once', async () => {
    const ada = tracker.candidate();
    await ada.track({ title: 'Engineer' });
    await ada.track({ title: 'Designer' });
    const stages = await ada.stages();
    expect(stages.map((s) => [s.name, s.kind])).toEqual([
      ['Applied', 'APPLIED'],
      ['Screening', 'SCREENING'],
      ['Interview', 'INTERVIEW'],
      ['Offer', 'OFFER'],
      ['Hired', 'HIRED'],
      ['Rejected', 'REJECTED'],
      ['Withdrawn', 'WITHDRAWN'],
    ]);
  });

  it('refuses a second live application to the same listing as ALREADY_APPLIED', async () => {
    const ada = tracker.candidate();
    const listingId = crypto.randomUUID();
    await ada.applyTo(listingId);
    const again = await ada.create({ jobId: listingId.toUpperCase() });
    expect(again).toEqual({ application: null, errors: [expect.objectContaining({ code: 'ALREADY_APPLIED', field: ['input', 'jobId'] })] });
  });

  it('lets two candidates apply to the same listing', async () => {
    const listingId = crypto.randomUUID();
    await tracker.candidate().applyTo(listingId);
    await expect(tracker.candidate().applyTo(listingId)).resolves.toMatchObject({ job: { id: listingId } });
  });

  it('needs exactly one of a listing and a hand-entered job, and says which field is wrong', async () => {
    const ada = tracker.candidate();
    const neither = await ada.create({ notes: 'hm' });
    expect(neither.errors).toEqual([expect.objectContaining({ code: 'JOB_REQUIRED', field: ['input', 'jobId'] })]);
    const both = await ada.create({ jobId: crypto.randomUUID(), manualJob: { title: 'Engineer' } });
    expect(both.errors).toEqual([expect.objectContaining({ code: 'JOB_AMBIGUOUS', field: ['input', 'manualJob'] })]);
  });

  it('refuses a stage that is not the candidate’s own as STAGE_NOT_FOUND', async () => {
    const grace = tracker.candidate();
    const gracesStage = await grace.stageNamed('Offer');
    const result = await tracker.candidate().create({ manualJob: { title: 'Engineer' }, stageId: gracesStage.id });
    expect(result).toEqual({ application: null, errors: [expect.objectContaining({ code: 'STAGE_NOT_FOUND', field: ['input', 'stageId'] })] });
  });

  it('reports every problem of a hand-entered job at once, on its field', async () => {
    const result = await tracker.candidate().create({ manualJob: { title: '   ', url: 'ftp://example.com/x', location: 'x'.repeat(201) } });
    expect(result.errors.map((e) => [e.code, e.field.join('.')])).toEqual([
      ['INVALID_TITLE', 'input.manualJob.title'],
      ['TOO_LONG', 'input.manualJob.location'],
      ['INVALID_URL', 'input.manualJob.url'],
    ]);
  });

  it('is UNAUTHENTICATED for an anonymous caller', async () => {
    const result = await tracker.harness.request('mutation { createApplication(input: { manualJob: { title: "x" } }) { errors { code } } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('rejects a malformed listing id or URL as BAD_USER_INPUT before any SQL', async () => {
    const ada = tracker.candidate();
    tracker.harness.resetQueries();
    const badId = await ada.request('mutation ($input: CreateApplicationInput!) { createApplication(input: $input) { errors { code } } }', { input: { jobId: 'not-a-uuid' } });
    expect(badId.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const badUrl = await ada.request('mutation ($input: CreateApplicationInput!) { createApplication(input: $input) { errors { code } } }', { input: { manualJob: { title: 'x', url: 'not a url' } } });
    expect(badUrl.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(tracker.harness.queries).toHaveLength(0);
  });
});
