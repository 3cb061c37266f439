import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@jobgraph/db/testing';
import { startSubgraphHarness, userPrincipal, type SubgraphHarness } from '@jobgraph/kit/testing';
import { assistant } from '../src/index.ts';
import { careerProfileId } from '../src/domain/career-profile-id.ts';

const profileFields = /* GraphQL */ `
  id headline summary skills yearsOfExperience updatedAt
  preferences { desiredTitles locations remote desiredSalary { amountCents currency } openToWork }
`;
const update = /* GraphQL */ `
  mutation ($input: UpdateCareerProfileInput!) {
    updateCareerProfile(input: $input) { careerProfile { ${profileFields} } errors { field code message } }
  }
`;
const careerProfileOf = /* GraphQL */ `
  query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { id careerProfile { ${profileFields} } } } }
`;

interface Profile {
  id: string;
  headline: string | null;
  summary: string | null;
  skills: string[];
  yearsOfExperience: number | null;
  updatedAt: string | null;
  preferences: {
    desiredTitles: string[];
    locations: string[];
    remote: string;
    desiredSalary: { amountCents: number; currency: string } | null;
    openToWork: boolean;
  };
}
interface UpdatePayload {
  careerProfile: Profile | null;
  errors: { field: string[]; code: string; message: string }[];
}

let database: TestDatabase;
let harness: SubgraphHarness;

beforeAll(async () => {
  database = await createTestDatabase();
  harness = await startSubgraphHarness(assistant, database);
});
afterAll(async () => {
  await harness?.stop();
  await database?.drop();
});

/** A signed-in candidate with a fresh id, and what they can do here. */
function candidate() {
  const id = crypto.randomUUID();
  const principal = userPrincipal(id);
  return {
    id,
    async update(input: Record<string, unknown>): Promise<UpdatePayload> {
      const result = await harness.request<{ updateCareerProfile: UpdatePayload }>(update, { input }, principal);
      if (!result.data) throw new Error(`updateCareerProfile failed: ${JSON.stringify(result.errors)}`);
      return result.data.updateCareerProfile;
    },
    async profileOf(userId: string): Promise<Profile | null> {
      const result = await harness.request<{ _entities: { careerProfile: Profile | null }[] }>(careerProfileOf, { r: [{ __typename: 'User', id: userId }] }, principal);
      if (!result.data) throw new Error(`careerProfile failed: ${JSON.stringify(result.errors)}`);
      return result.data._entities[0]?.careerProfile ?? null;
    },
  };
}

describe('reading a career profile', () => {
  it('gives a user who never saved one an empty profile with the id the first save keeps', async () => {
    const ada = candidate();
    const empty = await ada.profileOf(ada.id);
    expect(empty).toEqual({
      id: careerProfileId(ada.id),
      headline: null,
      summary: null,
      skills: [],
      yearsOfExperience: null,
      updatedAt: null,
      preferences: { desiredTitles: [], locations: [], remote: 'ANY', desiredSalary: null, openToWork: false },
    });
    const saved = await ada.update({ headline: 'Engineer' });
    expect(saved.careerProfile?.id).toBe(empty?.id);
  });

  it('answers null for another user’s profile, even one that exists', async () => {
    const grace = candidate();
    await grace.update({ headline: 'Admiral', skills: ['COBOL'] });
    const stranger = candidate();
    expect(await stranger.profileOf(grace.id)).toBeNull();
  });

  it('answers null to a caller who is not signed in', async () => {
    const result = await harness.request<{ _entities: { careerProfile: Profile | null }[] }>(careerProfileOf, { r: [{ __typename: 'User', id: crypto.randomUUID() }] });
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities[0]?.careerProfile).toBeNull();
  });

  it('loads the profile in one SQL statement, and none for users the caller may not read', async () => {
    const alan = candidate();
    await alan.update({ headline: 'Mathematician' });
    harness.resetQueries();
    const others = [crypto.randomUUID(), crypto.randomUUID()];
    const result = await harness.request<{ _entities: { id: string; careerProfile: Profile | null }[] }>(
      careerProfileOf,
      { r: [alan.id, ...others, alan.id].map((id) => ({ __typename: 'User', id })) },
      userPrincipal(alan.id),
    );
    expect(result.data?._entities.map((u) => u.careerProfile?.headline ?? null)).toEqual(['Mathematician', null, null, 'Mathematician']);
    expect(harness.queries.filter((q) => q.query.sql.includes('"career_profiles"'))).toHaveLength(1);
  });
});

describe('updating a career profile', () => {
  it('saves every field and reads it back', async () => {
    const linus = candidate();
    const input = {
      headline: '  Kernel   hacker ',
      summary: 'Writes operating systems.\r\nAnd version control.',
      skills: ['C', 'Git', 'Linux'],
      desiredTitles: ['Maintainer'],
      locations: ['Portland, OR', 'Helsinki'],
      remote: 'REMOTE',
      desiredSalary: { amountCents: 25_000_000, currency: 'usd' },
      openToWork: true,
      yearsOfExperience: 33,
    };
    const saved = await linus.update(input);
    expect(saved.errors).toEqual([]);
    const expected = {
      id: careerProfileId(linus.id),
      headline: 'Kernel hacker',
      summary: 'Writes operating systems.\nAnd version control.',
      skills: ['C', 'Git', 'Linux'],
      yearsOfExperience: 33,
      updatedAt: expect.any(String),
      preferences: {
        desiredTitles: ['Maintainer'],
        locations: ['Portland, OR', 'Helsinki'],
        remote: 'REMOTE',
        desiredSalary: { amountCents: 25_000_000, currency: 'USD' },
        openToWork: true,
      },
    };
    expect(saved.careerProfile).toEqual(expected);
    expect(await linus.profileOf(linus.id)).toEqual(expected);
  });

  it('changes only the fields given and clears the ones sent as null', async () => {
    const barbara = candidate();
    await barbara.update({
      headline: 'Systems researcher',
      summary: 'Abstraction.',
      skills: ['CLU'],
      remote: 'HYBRID',
      desiredSalary: { amountCents: 100, currency: 'EUR' },
      openToWork: true,
      yearsOfExperience: 40,
    });
    const changed = await barbara.update({ headline: 'Professor', summary: null, desiredSalary: null });
    expect(changed.errors).toEqual([]);
    expect(changed.careerProfile).toMatchObject({
      headline: 'Professor',
      summary: null,
      skills: ['CLU'],
      yearsOfExperience: 40,
      preferences: { remote: 'HYBRID', desiredSalary: null, openToWork: true },
    });
    const cleared = await barbara.update({ skills: null, remote: null, openToWork: null, yearsOfExperience: null });
    expect(cleared.careerProfile).toMatchObject({
      headline: 'Professor',
      skills: [],
      yearsOfExperience: null,
      preferences: { remote: 'ANY', openToWork: false },
    });
  });

  it('trims skills and drops case-insensitive duplicates, keeping the first spelling', async () => {
    const margaret = candidate();
    const saved = await margaret.update({ skills: [' TypeScript ', 'Go', 'typescript', 'GO', '  ', 'Apollo  Federation'] });
    expect(saved.careerProfile?.skills).toEqual(['TypeScript', 'Go', 'Apollo Federation']);
  });

  it('reports every rule broken, each on its input field, and saves nothing', async () => {
    const hedy = candidate();
    await hedy.update({ headline: 'Inventor', skills: ['Radio'] });
    const result = await hedy.update({
      headline: 'x'.repeat(121),
      summary: 'y'.repeat(2001),
      skills: ['ok', 'fine', 'good', 's'.repeat(51)],
      desiredSalary: { amountCents: -1, currency: 'USD' },
      yearsOfExperience: 71,
    });
    expect(result.careerProfile).toBeNull();
    expect(result.errors.map((e) => [e.code, e.field])).toEqual([
      ['TOO_LONG', ['input', 'headline']],
      ['TOO_LONG', ['input', 'summary']],
      ['TOO_LONG', ['input', 'skills', '3']],
      ['OUT_OF_RANGE', ['input', 'desiredSalary', 'amountCents']],
      ['OUT_OF_RANGE', ['input', 'yearsOfExperience']],
    ]);
    expect(await hedy.profileOf(hedy.id)).toMatchObject({ headline: 'Inventor', skills: ['Radio'] });
  });

  it('refuses more than 50 different skills', async () => {
    const result = await candidate().update({ skills: Array.from({ length: 51 }, (_, i) => `skill ${i}`) });
    expect(result.errors).toEqual([expect.objectContaining({ code: 'TOO_MANY_ITEMS', field: ['input', 'skills'] })]);
  });

  it('rejects an unknown currency before any resolver runs', async () => {
    harness.resetQueries();
    const result = await harness.request(update, { input: { desiredSalary: { amountCents: 1, currency: 'XYZ' } } }, userPrincipal(crypto.randomUUID()));
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(harness.queries).toHaveLength(0);
  });

  it('is UNAUTHENTICATED for a caller who is not signed in', async () => {
    const result = await harness.request(update, { input: { headline: 'Anonymous' } });
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(result.data ?? null).toBeNull();
  });
});
