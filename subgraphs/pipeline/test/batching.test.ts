import { describe, expect, it } from 'vitest';
import { useTracker } from './seed.ts';

const tracker = useTracker();

const statementsOn = (table: string) => tracker.harness.queries.filter((q) => q.query.sql.includes(`from "${table}"`));

describe('batching', () => {
  it('resolves N Application entities, with their stages and timelines, in one statement each', async () => {
    const ada = tracker.candidate();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await ada.track({ title: `Job ${i}` })).id);
    tracker.harness.resetQueries();
    const query = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Application { id stage { name } history { toStage { name } } } } }';
    const result = await ada.request<{ _entities: ({ id: string } | null)[] }>(query, { r: [...ids, 'not-a-uuid'].map((id) => ({ __typename: 'Application', id })) });
    expect(result.data?._entities.map((a) => a?.id ?? null)).toEqual([...ids, null]);
    expect(statementsOn('applications')).toHaveLength(1);
    expect(statementsOn('application_stages')).toHaveLength(1);
    expect(statementsOn('application_stage_changes')).toHaveLength(1);
    expect(tracker.harness.queries).toHaveLength(3);
  });

  it('resolves viewerApplication for N listings in one statement', async () => {
    const ada = tracker.candidate();
    const listings = Array.from({ length: 5 }, () => crypto.randomUUID());
    const applied = await ada.applyTo(listings[1] ?? '');
    const other = await ada.applyTo(listings[3] ?? '');
    tracker.harness.resetQueries();
    const query = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on JobListing { id viewerApplication { id } } } }';
    const result = await ada.request<{ _entities: { viewerApplication: { id: string } | null }[] }>(query, { r: listings.map((id) => ({ __typename: 'JobListing', id })) });
    expect(result.data?._entities.map((l) => l.viewerApplication?.id ?? null)).toEqual([null, applied.id, null, other.id, null]);
    expect(tracker.harness.queries).toHaveLength(1);
  });

  it('lists User.applications with stages in one statement per table', async () => {
    const ada = tracker.candidate();
    for (let i = 0; i < 3; i++) await ada.track({ title: `Job ${i}` });
    tracker.harness.resetQueries();
    const query = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { applications(first: 10) { edges { node { id stage { name } } } } } } }';
    const result = await ada.request(query, { r: [{ __typename: 'User', id: ada.id }, { __typename: 'User', id: ada.id }] });
    expect(result.errors).toBeUndefined();
    expect(statementsOn('applications')).toHaveLength(1);
    expect(statementsOn('application_stages')).toHaveLength(1);
  });
});
