import { describe, expect, it } from 'vitest';
import { applicationFields, useTracker } from './seed.ts';

const tracker = useTracker();

const applicationQuery = /* GraphQL */ `
  query ($id: UUID!) { application(id: $id) { ...ApplicationFields } }
  ${applicationFields}
`;
const entitiesQuery = /* GraphQL */ `
  query ($r: [_Any!]!) { _entities(representations: $r) { ... on Application { id notes stage { name } } } }
`;
const applicationsOfUser = /* GraphQL */ `
  query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { id applications { edges { node { id } } } } } }
`;
const stagesOfUser = /* GraphQL */ `
  query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { id applicationStages { id } } } }
`;

describe('an application is its owner’s alone', () => {
  it('reads back for its owner by id', async () => {
    const ada = tracker.candidate();
    const application = await ada.track({ title: 'Engineer' });
    const result = await ada.request<{ application: { id: string } }>(applicationQuery, { id: application.id });
    expect(result.data?.application.id).toBe(application.id);
  });

  it('is null for another candidate through application(id), exactly like an unknown id', async () => {
    const application = await tracker.candidate().track({ title: 'Engineer' }, { notes: 'private' });
    const mallory = tracker.candidate();
    const theirs = await mallory.request(applicationQuery, { id: application.id });
    const unknown = await mallory.request(applicationQuery, { id: crypto.randomUUID() });
    expect(theirs).toEqual({ status: 200, data: { application: null } });
    expect(theirs).toEqual(unknown);
  });

  it('is null for another candidate through _entities', async () => {
    const ada = tracker.candidate();
    const application = await ada.track({ title: 'Engineer' }, { notes: 'private' });
    const representations = [{ __typename: 'Application', id: application.id }];
    const asMallory = await tracker.candidate().request(entitiesQuery, { r: representations });
    expect(asMallory).toEqual({ status: 200, data: { _entities: [null] } });
    const anonymous = await tracker.harness.request(entitiesQuery, { r: representations });
    expect(anonymous.data).toEqual({ _entities: [null] });
    const asAda = await ada.request(entitiesQuery, { r: representations });
    expect(asAda.data).toEqual({ _entities: [{ id: application.id, notes: 'private', stage: { name: 'Applied' } }] });
  });

  it('cannot be listed through another user’s User.applications or stages: FORBIDDEN', async () => {
    const ada = tracker.candidate();
    await ada.track({ title: 'Engineer' });
    const mallory = tracker.candidate();
    for (const query of [applicationsOfUser, stagesOfUser]) {
      const result = await mallory.request<{ _entities: unknown[] }>(query, { r: [{ __typename: 'User', id: ada.id }] });
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(result.data?._entities).toEqual([null]);
      expect(JSON.stringify(result)).not.toContain('Engineer');
    }
  });

  it('lists User.applications for the user themself; anonymous is UNAUTHENTICATED', async () => {
    const ada = tracker.candidate();
    const application = await ada.track({ title: 'Engineer' });
    const own = await ada.request(applicationsOfUser, { r: [{ __typename: 'User', id: ada.id }] });
    expect(own.data).toEqual({ _entities: [{ id: ada.id, applications: { edges: [{ node: { id: application.id } }] } }] });
    const anonymous = await tracker.harness.request(applicationsOfUser, { r: [{ __typename: 'User', id: ada.id }] });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('cannot be moved by another candidate: NOT_FOUND, as if it did not exist', async () => {
    const ada = tracker.candidate();
    const application = await ada.track({ title: 'Engineer' });
    const mallory = tracker.candidate();
    const malloryStage = await mallory.stageNamed('Rejected');
    const theirs = await mallory.move(application.id, malloryStage.id);
    const unknown = await mallory.move(crypto.randomUUID(), malloryStage.id);
    expect(theirs).toEqual({ application: null, errors: [expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'applicationId'] })] });
    expect(theirs).toEqual(unknown);
    const still = await ada.request<{ application: { stage: { name: string }; history: unknown[] } }>(applicationQuery, { id: application.id });
    expect(still.data?.application).toMatchObject({ stage: { name: 'Applied' }, history: [expect.anything()] });
  });

  it('answers viewerApplication with the viewer’s own application only', async () => {
    const listingId = crypto.randomUUID();
    const ada = tracker.candidate();
    const application = await ada.applyTo(listingId);
    const query = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on JobListing { id viewerApplication { id } } } }';
    const r = [{ __typename: 'JobListing', id: listingId }];
    expect((await ada.request(query, { r })).data).toEqual({ _entities: [{ id: listingId, viewerApplication: { id: application.id } }] });
    expect((await tracker.candidate().request(query, { r })).data).toEqual({ _entities: [{ id: listingId, viewerApplication: null }] });
    expect((await tracker.harness.request(query, { r })).data).toEqual({ _entities: [{ id: listingId, viewerApplication: null }] });
  });

  it('rejects a malformed id as BAD_USER_INPUT before any SQL', async () => {
    const ada = tracker.candidate();
    tracker.harness.resetQueries();
    const result = await ada.request(applicationQuery, { id: 'not-a-uuid' });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const literal = await ada.request('{ application(id: "1234") { id } }');
    expect(literal.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(tracker.harness.queries).toHaveLength(0);
  });
});
