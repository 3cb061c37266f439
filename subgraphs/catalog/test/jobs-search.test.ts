import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createKysely } from '@jobgraph/db';
import { createTestDatabase, type TestDatabase } from '@jobgraph/db/testing';
import { startSubgraphHarness, type SubgraphHarness } from '@jobgraph/kit/testing';
import { catalog } from '../src/index.ts';
import { catalogStory, closeJobListing, codeOf, jobById, publishJobListing, updateJobListing, type ListingData, type UserErrorData } from './story.ts';

let database: TestDatabase;
let harness: SubgraphHarness;
let story: ReturnType<typeof catalogStory>;

const jobsQuery = /* GraphQL */ `
  query ($query: String, $filter: JobFilter, $sort: JobSort, $first: Int, $after: String) {
    jobs(query: $query, filter: $filter, sort: $sort, first: $first, after: $after) {
      edges { cursor node { id title } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
`;

interface JobsData {
  jobs: {
    edges: { cursor: string; node: { id: string; title: string } }[];
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  };
}

const search = (variables: Record<string, unknown>) => harness.request<JobsData>(jobsQuery, variables);
const titles = (result: { data?: JobsData | null }) => result.data?.jobs.edges.map((edge) => edge.node.title);

/** Two companies; `acme` posts mostly engineering roles, `brightside` the rest. */
let acme: { id: string };
let brightside: { id: string };
let owner: ReturnType<ReturnType<typeof catalogStory>['employer']>;

beforeAll(async () => {
  database = await createTestDatabase();
  harness = await startSubgraphHarness(catalog, database);
  story = catalogStory(harness);
  owner = story.employer();
  acme = await story.createCompany(owner, 'Acme Search Test');
  brightside = await story.createCompany(owner, 'Brightside Search Test');
  const post = (companyId: string, input: Record<string, unknown>) => story.postListing(owner, companyId, input);
  await post(acme.id, { title: 'Senior Backend Engineer', description: 'Go and Kubernetes services.', tags: ['go', 'kubernetes'], seniority: 'SENIOR', salary: { minCents: 12_000_000, maxCents: 15_000_000, currency: 'EUR' } });
  await post(acme.id, { title: 'PostgreSQL Database Administrator', description: 'Keep our databases fast.', tags: ['postgres', 'sql'], remoteType: 'HYBRID', salary: { minCents: 8_000_000, maxCents: 9_000_000, currency: 'EUR' } });
  await post(acme.id, { title: 'Frontend Developer', description: 'React and TypeScript; you will work with backend engineers.', tags: ['react', 'typescript'], employmentType: 'CONTRACT' });
  await post(brightside.id, { title: 'Product Designer', description: 'Design flows people love.', tags: ['figma'], remoteType: 'ONSITE', seniority: 'MID' });
  await post(brightside.id, { title: 'Data Engineer', description: 'Pipelines in Python and SQL.', tags: ['python', 'sql'], salary: { maxCents: 10_000_000, currency: 'USD' } });
  await post(brightside.id, { title: 'Unpublished Engineer', description: 'A draft.', publish: false });
});
afterAll(async () => {
  await harness?.stop();
  await database?.drop();
});

describe('searching jobs by words', () => {
  it('finds listings by stemmed words in title, tags and description, title matches first', async () => {
    const result = await search({ query: 'backend engineers' });
    expect(titles(result)).toEqual(['Senior Backend Engineer', 'Frontend Developer']);
  });

  it('finds a title despite a typo, by trigram similarity', async () => {
    expect(titles(await search({ query: 'postgress' }))).toEqual(['PostgreSQL Database Administrator']);
    expect(titles(await search({ query: 'enginer' }))).toContain('Senior Backend Engineer');
  });

  it('finds nothing for words no listing has', async () => {
    expect(titles(await search({ query: 'astronaut' }))).toEqual([]);
  });

  it('never shows a draft', async () => {
    const result = await search({ query: 'unpublished' });
    expect(titles(result)).toEqual([]);
    expect(titles(await search({ first: 100 }))).not.toContain('Unpublished Engineer');
  });

  it('refuses a query longer than 200 characters', async () => {
    expect(codeOf(await search({ query: 'x'.repeat(201) }))).toBe('BAD_USER_INPUT');
  });
});

describe('filtering jobs', () => {
  it('by remote type, employment type and seniority', async () => {
    expect(titles(await search({ filter: { remoteTypes: ['HYBRID', 'ONSITE'] } }))?.sort()).toEqual(['PostgreSQL Database Administrator', 'Product Designer']);
    expect(titles(await search({ filter: { employmentTypes: ['CONTRACT'] } }))).toEqual(['Frontend Developer']);
    expect(titles(await search({ filter: { seniorities: ['SENIOR', 'MID'] } }))?.sort()).toEqual(['Product Designer', 'Senior Backend Engineer']);
  });

  it('by tags, all of which must be present, in any case', async () => {
    expect(titles(await search({ filter: { tags: ['SQL'] } }))?.sort()).toEqual(['Data Engineer', 'PostgreSQL Database Administrator']);
    expect(titles(await search({ filter: { tags: ['sql', 'python'] } }))).toEqual(['Data Engineer']);
  });

  it('by company, together with words', async () => {
    expect(titles(await search({ query: 'engineer', filter: { companyId: brightside.id } }))).toEqual(['Data Engineer']);
  });

  it('by minimum salary in one currency, reached by the top of the range', async () => {
    expect(titles(await search({ filter: { minSalary: { amountCents: 9_000_000, currency: 'EUR' } } }))?.sort()).toEqual([
      'PostgreSQL Database Administrator',
      'Senior Backend Engineer',
    ]);
    expect(titles(await search({ filter: { minSalary: { amountCents: 9_500_000, currency: 'USD' } } }))).toEqual(['Data Engineer']);
  });
});

describe('paging through jobs', () => {
  it('walks every open listing newest first, without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const result: { data?: JobsData | null } = await search({ first: 2, after });
      const connection = result.data?.jobs;
      if (!connection) throw new Error(JSON.stringify(result));
      seen.push(...connection.edges.map((edge) => edge.node.title));
      pages += 1;
      expect(connection.pageInfo.hasPreviousPage).toBe(after !== null);
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(['Data Engineer', 'Product Designer', 'Frontend Developer', 'PostgreSQL Database Administrator', 'Senior Backend Engineer']);
  });

  it('pages a ranked search with cursors that carry the rank', async () => {
    const all = titles(await search({ query: 'engineer', first: 10 })) ?? [];
    expect(all.length).toBeGreaterThanOrEqual(3);
    const first = await search({ query: 'engineer', first: 2 });
    const rest = await search({ query: 'engineer', first: 10, after: first.data?.jobs.pageInfo.endCursor });
    expect([...(titles(first) ?? []), ...(titles(rest) ?? [])]).toEqual(all);
  });

  it('refuses more than 100 at a time', async () => {
    expect(codeOf(await search({ first: 101 }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await search({ first: -1 }))).toBe('BAD_USER_INPUT');
  });

  it('refuses a cursor of another search (other words, filter or sort) before any SQL', async () => {
    const engineer = await search({ query: 'engineer', first: 1 });
    const cursor = engineer.data?.jobs.pageInfo.endCursor;
    harness.resetQueries();
    for (const other of [{ query: 'designer' }, { query: 'engineer', filter: { remoteTypes: ['REMOTE'] } }, { query: 'engineer', sort: 'RECENCY' }, { query: 'engineer', sort: 'SALARY' }]) {
      const answer = await search({ ...other, first: 1, after: cursor });
      expect(codeOf(answer)).toBe('BAD_USER_INPUT');
      expect(answer.errors?.[0]?.message).toMatch(/another search/);
    }
    expect(harness.queries).toHaveLength(0);
    // The same search spelled differently (spacing, case of the list order) is the same search.
    expect(codeOf(await search({ query: '  engineer ', first: 1, after: cursor }))).toBeUndefined();
  });

  it('refuses a cursor it did not issue, or one from a differently sorted list', async () => {
    expect(codeOf(await search({ after: 'bm90LWEtY3Vyc29y' }))).toBe('BAD_USER_INPUT');
    const ranked = await search({ query: 'engineer', first: 1 });
    harness.resetQueries();
    expect(codeOf(await search({ first: 1, after: ranked.data?.jobs.pageInfo.endCursor }))).toBe('BAD_USER_INPUT');
    expect(harness.queries).toHaveLength(0);
  });
});

describe('an expired listing', () => {
  it('drops out of search, shows EXPIRED to its company and opens again only when published with a later expiry', async () => {
    const listing = await story.postListing(owner, acme.id, { title: 'Seasonal Support Agent', tags: ['seasonal'] });
    const admin = createKysely<unknown>({ url: database.adminUrl, maxConnections: 1 });
    try {
      await sql`update catalog.job_listings set posted_at = now() - interval '2 days', expires_at = now() - interval '1 day' where id = ${listing.id}`.execute(admin);
    } finally {
      await admin.destroy();
    }
    expect(titles(await search({ filter: { tags: ['seasonal'] } }))).toEqual([]);
    expect((await harness.request<{ job: ListingData | null }>(jobById, { id: listing.id })).data?.job).toBeNull();
    expect((await harness.request<{ job: ListingData | null }>(jobById, { id: listing.id }, owner)).data?.job?.status).toBe('EXPIRED');

    type Payload = { jobListing: ListingData | null; errors: UserErrorData[] };
    const tooEarly = await harness.request<{ publishJobListing: Payload }>(publishJobListing, { id: listing.id }, owner);
    expect(tooEarly.data?.publishJobListing.errors[0]?.code).toBe('INVALID_EXPIRY');

    const nextMonth = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const extended = await harness.request<{ updateJobListing: Payload }>(updateJobListing, { input: { id: listing.id, expiresAt: nextMonth } }, owner);
    expect(extended.data?.updateJobListing.jobListing?.status).toBe('EXPIRED');

    const republished = await harness.request<{ publishJobListing: Payload }>(publishJobListing, { id: listing.id }, owner);
    expect(republished.data?.publishJobListing.jobListing?.status).toBe('OPEN');
    expect(titles(await search({ filter: { tags: ['seasonal'] } }))).toEqual(['Seasonal Support Agent']);
  });
});

describe('search follows every change of a listing', () => {
  it('finds an edited listing by its new words and filters only, and drops it when unlisted or closed', async () => {
    const listing = await story.postListing(owner, acme.id, { title: 'Lighthouse Keeper', description: 'Keep the light on.', tags: ['maritime'], remoteType: 'ONSITE' });
    expect(titles(await search({ query: 'lighthouse', filter: { remoteTypes: ['ONSITE'] } }))).toEqual(['Lighthouse Keeper']);

    type Payload = { jobListing: ListingData | null; errors: UserErrorData[] };
    const edited = await harness.request<{ updateJobListing: Payload }>(updateJobListing, { input: { id: listing.id, title: 'Harbour Pilot', remoteType: 'REMOTE' } }, owner);
    expect(edited.data?.updateJobListing.errors).toEqual([]);
    expect(titles(await search({ query: 'lighthouse' }))).toEqual([]);
    expect(titles(await search({ query: 'harbour', filter: { remoteTypes: ['ONSITE'] } }))).toEqual([]);
    expect(titles(await search({ query: 'harbour', filter: { remoteTypes: ['REMOTE'] } }))).toEqual(['Harbour Pilot']);

    await harness.request<{ updateJobListing: Payload }>(updateJobListing, { input: { id: listing.id, visibility: 'UNLISTED' } }, owner);
    expect(titles(await search({ query: 'harbour' }))).toEqual([]);
    await harness.request<{ updateJobListing: Payload }>(updateJobListing, { input: { id: listing.id, visibility: 'PUBLIC' } }, owner);
    expect(titles(await search({ query: 'harbour' }))).toEqual(['Harbour Pilot']);

    const closed = await harness.request<{ closeJobListing: Payload }>(closeJobListing, { id: listing.id }, owner);
    expect(closed.data?.closeJobListing.jobListing?.status).toBe('CLOSED');
    expect(titles(await search({ query: 'harbour' }))).toEqual([]);
  });
});

describe('sorting jobs', () => {
  it('by salary: highest yearly top of range first, hourly pay counted per year, no pay last; pages without gaps', async () => {
    const hourly = await story.postListing(owner, brightside.id, { title: 'Hourly Consultant', salary: { minCents: 9_000, maxCents: 10_000, currency: 'EUR', period: 'HOUR' } });
    const all = titles(await search({ sort: 'SALARY', first: 100 })) ?? [];
    // 10,000 cents an hour is 20.8 million a year: above every yearly range here.
    expect(all.slice(0, 5)).toEqual(['Hourly Consultant', 'Senior Backend Engineer', 'Data Engineer', 'PostgreSQL Database Administrator', expect.any(String)]);
    const paged: string[] = [];
    let after: string | null | undefined = null;
    do {
      const result: { data?: JobsData | null } = await search({ sort: 'SALARY', first: 2, after });
      paged.push(...(titles(result) ?? []));
      after = result.data?.jobs.pageInfo.hasNextPage ? result.data.jobs.pageInfo.endCursor : null;
    } while (after);
    expect(paged).toEqual(all);
    expect(all).toContain(hourly.title);
  });

  it('by recency with words: the matches, newest first', async () => {
    expect(titles(await search({ query: 'engineer', sort: 'RECENCY' }))).toEqual(['Data Engineer', 'Frontend Developer', 'Senior Backend Engineer']);
  });
});

describe('facets of a search', () => {
  const facetsQuery = /* GraphQL */ `
    query ($query: String, $filter: JobFilter) {
      jobs(query: $query, filter: $filter, first: 1) {
        totalCount
        facets {
          remoteTypes { value count } employmentTypes { value count } seniorities { value count }
          tags { value count } countries { value count } places { place { id city } count }
          salaryBands { currency period minCents maxCents count }
        }
      }
    }
  `;
  type Facets = { jobs: { totalCount: number; facets: Record<string, { value?: string; count: number }[]> } };

  it('counts every listing the search matches, per value, in one statement besides the page', async () => {
    harness.resetQueries();
    const result = await harness.request<Facets>(facetsQuery, { filter: { tags: ['sql'] } });
    expect(harness.queries).toHaveLength(2);
    expect(result.data?.jobs.totalCount).toBe(2);
    const facets: Facets['jobs']['facets'] = result.data?.jobs.facets ?? {};
    expect(facets.remoteTypes).toEqual([{ value: 'HYBRID', count: 1 }, { value: 'REMOTE', count: 1 }]);
    expect(facets.employmentTypes).toEqual([{ value: 'FULL_TIME', count: 2 }]);
    expect(facets.tags).toEqual([{ value: 'sql', count: 2 }, { value: 'postgres', count: 1 }, { value: 'python', count: 1 }]);
    expect(facets.salaryBands).toEqual([
      { currency: 'EUR', period: 'YEAR', minCents: 9_000_000, maxCents: 12_000_000, count: 1 },
      { currency: 'USD', period: 'YEAR', minCents: 9_000_000, maxCents: 12_000_000, count: 1 },
    ]);
  });

  it('does not count facets when the client does not ask for them', async () => {
    harness.resetQueries();
    await search({ filter: { tags: ['sql'] } });
    expect(harness.queries).toHaveLength(1);
  });

  it('gives places and countries, and a place narrows the search to it', async () => {
    const place = { city: 'Lyon', countryCode: 'FR', latitude: 45.764, longitude: 4.8357 };
    const lyonCo = await story.createCompany(owner, 'Lyon Facets Co');
    const lyon = await story.postListing(owner, lyonCo.id, { title: 'Facet Lyon Analyst', place });
    await story.postListing(owner, lyonCo.id, { title: 'Facet Lyon Tester', place });
    const result = await harness.request<Facets>(facetsQuery, { query: 'facet lyon' });
    const facets = result.data?.jobs.facets ?? {};
    expect(facets.countries).toEqual([{ value: 'FR', count: 2 }]);
    const places = facets.places as unknown as { place: { id: string; city: string }; count: number }[];
    expect(places.map((entry) => [entry.place.city, entry.count])).toEqual([['Lyon', 2]]);
    const narrowed = await search({ filter: { placeIds: [places[0]?.place.id] } });
    expect(titles(narrowed)?.sort()).toEqual(['Facet Lyon Analyst', 'Facet Lyon Tester']);
    expect(titles(narrowed)).toContain(lyon.title);
  });
});

describe('search history', () => {
  const historyQuery = /* GraphQL */ `
    query ($id: ID!) { _entities(representations: [{ __typename: "User", id: $id }]) { ... on User { searchHistoryEnabled searchHistory(first: 10) { edges { node { query filter sort resultCount } } } } } }
  `;
  type History = { _entities: { searchHistoryEnabled: boolean | null; searchHistory: { edges: { node: Record<string, unknown> }[] } | null }[] };

  it('keeps a signed-in person\'s searches, one entry per distinct search, for them alone; off stops it', async () => {
    const seeker = story.candidate();
    await harness.request(jobsQuery, { query: 'engineer', filter: { remoteTypes: ['REMOTE', 'REMOTE'] } }, seeker);
    await harness.request(jobsQuery, { query: 'designer' }, seeker);
    await harness.request(jobsQuery, { query: ' engineer', filter: { remoteTypes: ['REMOTE'] } }, seeker);
    const mine = await harness.request<History>(historyQuery, { id: seeker.userId }, seeker);
    expect(mine.data?._entities[0]?.searchHistory?.edges.map((edge) => edge.node)).toEqual([
      { query: 'engineer', filter: { remoteTypes: ['REMOTE'] }, sort: 'RELEVANCE', resultCount: 3 },
      { query: 'designer', filter: {}, sort: 'RELEVANCE', resultCount: 1 },
    ]);
    const stranger = await harness.request<History>(historyQuery, { id: seeker.userId }, story.candidate());
    expect(stranger.data?._entities[0]).toEqual({ searchHistoryEnabled: null, searchHistory: null });

    await harness.request('mutation { setSearchHistoryEnabled(enabled: false) { enabled errors { code } } }', {}, seeker);
    await harness.request(jobsQuery, { query: 'kubernetes' }, seeker);
    const paused = await harness.request<History>(historyQuery, { id: seeker.userId }, seeker);
    expect(paused.data?._entities[0]?.searchHistoryEnabled).toBe(false);
    expect(paused.data?._entities[0]?.searchHistory?.edges).toHaveLength(2);

    const cleared = await harness.request<{ clearSearchHistory: { cleared: number } }>('mutation { clearSearchHistory { cleared errors { code } } }', {}, seeker);
    expect(cleared.data?.clearSearchHistory.cleared).toBe(2);
    expect((await harness.request<History>(historyQuery, { id: seeker.userId }, seeker)).data?._entities[0]?.searchHistory?.edges).toEqual([]);
  });
});

describe('a listing with a long description', () => {
  it('is posted, found and ranked among the others though its search vector is too large for the covering indexes', async () => {
    // ~19,500 characters of distinct words: a vector far beyond what a btree entry may carry.
    const filler = Array.from({ length: 1500 }, (_, index) => `moraine${index.toString(36)}`).join(' ');
    const guide = await story.postListing(owner, brightside.id, { title: 'Glacier Guide', description: `Lead walks on the glacier. ${filler}`, remoteType: 'ONSITE' });
    await story.postListing(owner, brightside.id, { title: 'Glacier Photographer', description: 'Photograph the glacier at dawn.', remoteType: 'ONSITE' });
    const admin = createKysely<unknown>({ url: database.adminUrl, maxConnections: 1 });
    try {
      const { rows } = await sql<{ compact_vector: boolean }>`select compact_vector from catalog.listing_search where id = ${guide.id}`.execute(admin);
      expect(rows).toEqual([{ compact_vector: false }]);
    } finally {
      await admin.destroy();
    }

    // The short listing ranks first (the long one's rank is divided by its length), both are found, by words and filters alike.
    expect(titles(await search({ query: 'glacier' }))).toEqual(['Glacier Photographer', 'Glacier Guide']);
    expect(titles(await search({ query: 'glacier', filter: { remoteTypes: ['ONSITE'] } }))).toEqual(['Glacier Photographer', 'Glacier Guide']);
    expect(titles(await search({ query: 'moraine1a' }))).toEqual(['Glacier Guide']);
    const first = await search({ query: 'glacier', first: 1 });
    expect(titles(first)).toEqual(['Glacier Photographer']);
    expect(titles(await search({ query: 'glacier', first: 1, after: first.data?.jobs.pageInfo.endCursor }))).toEqual(['Glacier Guide']);
  });
});
