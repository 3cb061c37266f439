import { describe, expect, it } from 'vitest';
import { dataOf, refusedAtTheEdge, type GraphQLResponse } from './graphql-client.ts';
import { createCompany } from './operations.ts';
import { useStory, type Member } from './story.ts';

const story = useStory();

const suffix = crypto.randomUUID().slice(0, 6);
const post = /* GraphQL */ `mutation ($input: CreateJobListingInput!) { createJobListing(input: $input) { jobListing { id } errors { code } } }`;
const jobs = /* GraphQL */ `
  query ($query: String, $filter: JobFilter, $sort: JobSort, $first: Int, $after: String) {
    jobs(query: $query, filter: $filter, sort: $sort, first: $first, after: $after) {
      totalCount
      edges { node { id title salary { maxCents } } }
      pageInfo { hasNextPage endCursor }
      facets {
        remoteTypes { value count } employmentTypes { value count } seniorities { value count } tags { value count }
        countries { value count } places { place { id city countryCode } count } salaryBands { currency period minCents maxCents count }
      }
    }
  }
`;
const titlesOnly = /* GraphQL */ `
  query ($query: String, $filter: JobFilter, $sort: JobSort, $first: Int, $after: String) {
    jobs(query: $query, filter: $filter, sort: $sort, first: $first, after: $after) { edges { node { title } } pageInfo { hasNextPage endCursor } }
  }
`;
const history = /* GraphQL */ `query { viewer { id searchHistoryEnabled searchHistory(first: 20) { edges { node { query filter sort resultCount } } } } }`;

type Count = { value: string; count: number };
type SearchData = {
  jobs: {
    totalCount: number;
    edges: { node: { id: string; title: string; salary: { maxCents: number } | null } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    facets: Record<'remoteTypes' | 'employmentTypes' | 'seniorities' | 'tags' | 'countries', Count[]> & {
      places: { place: { id: string; city: string; countryCode: string }; count: number }[];
      salaryBands: { currency: string; period: string; minCents: number; maxCents: number | null; count: number }[];
    };
  };
};
type TitlesData = { jobs: { edges: { node: { title: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };

const codeOf = (response: GraphQLResponse<unknown>) => response.errors?.[0]?.extensions?.code;
const titles = (response: GraphQLResponse<TitlesData>) => dataOf(response).jobs.edges.map((edge) => edge.node.title);

const places = {
  berlin: { city: 'Berlin', countryCode: 'DE', latitude: 52.52, longitude: 13.405, timezone: 'Europe/Berlin' },
  hamburg: { city: 'Hamburg', countryCode: 'DE', latitude: 53.5511, longitude: 9.9937, timezone: 'Europe/Berlin' },
  paris: { city: 'Paris', countryCode: 'FR', latitude: 48.8566, longitude: 2.3522, timezone: 'Europe/Paris' },
};

let seeded: Promise<Member> | null = null;
/** Eight listings over two companies, three cities, two countries: the story every test searches. */
function catalog(): Promise<Member> {
  seeded ??= (async () => {
    const owner = await story().employer('Search Owner');
    const company = async (name: string) => dataOf(await owner.request<{ createCompany: { company: { id: string } } }>(createCompany, { input: { name: `${name} ${suffix}` } })).createCompany.company.id;
    const [north, south] = [await company('Northern Search'), await company('Southern Search')];
    const listings = [
      [north, 'Backend Engineer', ['go', 'postgres'], 'SENIOR', 'REMOTE', places.berlin, 9_500_000],
      [north, 'Frontend Engineer', ['react', 'typescript'], 'MID', 'HYBRID', places.berlin, 7_000_000],
      [north, 'Data Engineer', ['python', 'postgres'], 'MID', 'REMOTE', places.hamburg, 8_000_000],
      [north, 'Platform Engineer', ['go', 'kubernetes'], 'LEAD', 'ONSITE', places.paris, 12_500_000],
      [south, 'Product Designer', ['figma'], 'MID', 'ONSITE', places.paris, 6_000_000],
      [south, 'Support Engineer', ['linux'], 'ENTRY', 'REMOTE', null, null],
      [south, 'Engineering Manager', ['leadership', 'go'], 'LEAD', 'HYBRID', places.hamburg, 14_000_000],
      [south, 'QA Engineer', ['playwright', 'typescript'], 'ENTRY', 'ONSITE', places.berlin, 5_000_000],
    ] as const;
    for (const [companyId, title, tags, seniority, remoteType, place, max] of listings) {
      const input = {
        companyId,
        title: `${title} ${suffix}`,
        description: `${title}: a role in the search story.`,
        employmentType: title.startsWith('QA') ? 'CONTRACT' : 'FULL_TIME',
        remoteType,
        seniority,
        tags: [...tags],
        publish: true,
        ...(place ? { place } : {}),
        ...(max ? { salary: { minCents: max - 1_000_000, maxCents: max, currency: 'EUR' } } : {}),
      };
      expect(dataOf(await owner.request<{ createJobListing: { errors: unknown[] } }>(post, { input })).createJobListing.errors).toEqual([]);
    }
    return owner;
  })();
  return seeded;
}

describe('job search through the gateway (CA-16, CA-17, AR-03)', () => {
  it('sorts by relevance, recency or salary, and walks every page of each without gaps or repeats', async () => {
    await catalog();
    const walk = async (variables: Record<string, unknown>) => {
      const seen: string[] = [];
      let after: string | null = null;
      for (let pages = 0; pages < 20; pages += 1) {
        const page: TitlesData = dataOf(await story().anonymous<TitlesData>(titlesOnly, { ...variables, first: 3, after }));
        seen.push(...page.jobs.edges.map((edge) => edge.node.title.replace(` ${suffix}`, '')));
        if (!page.jobs.pageInfo.hasNextPage) break;
        after = page.jobs.pageInfo.endCursor;
      }
      return seen;
    };
    const bySalary = await walk({ query: suffix, sort: 'SALARY' });
    expect(bySalary).toEqual(['Engineering Manager', 'Platform Engineer', 'Backend Engineer', 'Data Engineer', 'Frontend Engineer', 'Product Designer', 'QA Engineer', 'Support Engineer']);
    const byRecency = await walk({ query: suffix, sort: 'RECENCY' });
    expect(byRecency).toEqual(['QA Engineer', 'Engineering Manager', 'Support Engineer', 'Product Designer', 'Platform Engineer', 'Data Engineer', 'Frontend Engineer', 'Backend Engineer']);
    const byRelevance = await walk({ query: `platform ${suffix}` });
    expect(byRelevance[0]).toBe('Platform Engineer');
    expect(new Set(byRelevance).size).toBe(byRelevance.length);
  });

  it('returns facets of the same search in the same request: remote, job type, level, tags, places, countries, salary bands', async () => {
    await catalog();
    const result = dataOf(await story().anonymous<SearchData>(jobs, { query: `engineer ${suffix}`, first: 2 }));
    expect(result.jobs.edges).toHaveLength(2);
    expect(result.jobs.totalCount).toBe(7);
    const { facets } = result.jobs;
    expect(facets.remoteTypes).toEqual([{ value: 'REMOTE', count: 3 }, { value: 'HYBRID', count: 2 }, { value: 'ONSITE', count: 2 }]);
    expect(facets.employmentTypes).toEqual([{ value: 'FULL_TIME', count: 6 }, { value: 'CONTRACT', count: 1 }]);
    expect(facets.seniorities).toEqual([{ value: 'ENTRY', count: 2 }, { value: 'LEAD', count: 2 }, { value: 'MID', count: 2 }, { value: 'SENIOR', count: 1 }]);
    expect(facets.tags.slice(0, 3)).toEqual([{ value: 'go', count: 3 }, { value: 'postgres', count: 2 }, { value: 'typescript', count: 2 }]);
    expect(facets.countries).toEqual([{ value: 'DE', count: 5 }, { value: 'FR', count: 1 }]);
    expect(facets.places.map((entry) => [entry.place.city, entry.count])).toEqual([['Berlin', 3], ['Hamburg', 2], ['Paris', 1]]);
    expect(facets.salaryBands).toEqual([
      { currency: 'EUR', period: 'YEAR', minCents: 3_000_000, maxCents: 6_000_000, count: 1 },
      { currency: 'EUR', period: 'YEAR', minCents: 6_000_000, maxCents: 9_000_000, count: 2 },
      { currency: 'EUR', period: 'YEAR', minCents: 9_000_000, maxCents: 12_000_000, count: 1 },
      { currency: 'EUR', period: 'YEAR', minCents: 12_000_000, maxCents: 16_000_000, count: 2 },
    ]);
    // A facet value is a filter: clicking Hamburg, then a band, narrows to exactly its count.
    const hamburg = facets.places.find((entry) => entry.place.city === 'Hamburg');
    const narrowed = dataOf(await story().anonymous<SearchData>(jobs, { query: `engineer ${suffix}`, filter: { placeIds: [hamburg?.place.id] } }));
    expect(narrowed.jobs.totalCount).toBe(2);
    const band = dataOf(await story().anonymous<SearchData>(jobs, { query: `engineer ${suffix}`, filter: { minSalary: { amountCents: 12_000_000, currency: 'EUR' } } }));
    expect(band.jobs.totalCount).toBe(2);
  });

  it('treats SQL, regex and search-syntax metacharacters as plain words', async () => {
    await catalog();
    for (const query of ["' or 1=1 --", "'; drop table catalog.job_listings; --", '.*', '(a|b)+$', '%', '_', '\\', '[[:alpha:]]', 'a:* & !b', '<-> | !', '"unclosed', '*']) {
      const answer = await story().anonymous<SearchData>(jobs, { query, first: 5 });
      expect(answer.errors, query).toBeUndefined();
      expect(dataOf(answer).jobs.totalCount, query).toBe(0);
    }
    for (const tag of ["' or 1=1", '%', '.*']) {
      expect(dataOf(await story().anonymous<SearchData>(jobs, { filter: { tags: [tag] } })).jobs.totalCount).toBe(0);
    }
    // The listings are all still there.
    expect(dataOf(await story().anonymous<SearchData>(jobs, { query: suffix })).jobs.totalCount).toBe(8);
  });

  it('refuses huge strings, radii off the Earth and cursors of another search with BAD_USER_INPUT', async () => {
    await catalog();
    const huge = 'x'.repeat(10_000);
    for (const variables of [
      { query: huge },
      { filter: { tags: [huge] } },
      { filter: { countries: [huge] } },
      { filter: { near: { latitude: 52.5, longitude: 13.4, radiusKm: -1 } } },
      { filter: { near: { latitude: 52.5, longitude: 13.4, radiusKm: 1e9 } } },
      { filter: { minSalary: { amountCents: -5, currency: 'EUR' } } },
      { first: 1000 },
      { after: 'not-a-cursor' },
    ]) {
      const answer = await story().anonymous(titlesOnly, variables);
      expect(codeOf(answer), JSON.stringify(variables).slice(0, 80)).toBe('BAD_USER_INPUT');
    }
    const first = dataOf(await story().anonymous<TitlesData>(titlesOnly, { query: `engineer ${suffix}`, first: 2 }));
    const cursor = first.jobs.pageInfo.endCursor;
    for (const other of [{ query: `designer ${suffix}` }, { query: `engineer ${suffix}`, sort: 'SALARY' }, { query: `engineer ${suffix}`, filter: { countries: ['DE'] } }, {}]) {
      const answer = await story().anonymous(titlesOnly, { ...other, first: 2, after: cursor });
      expect(codeOf(answer)).toBe('BAD_USER_INPUT');
      expect(answer.errors?.[0]?.message).toMatch(/cursor of another search/);
    }
    // A company's listing cursor is not a search cursor either.
    const owner = await catalog();
    const companyId = dataOf(await owner.request<{ viewer: { companyMemberships: { company: { id: string } }[] } }>('{ viewer { companyMemberships { company { id } } } }')).viewer.companyMemberships[0]?.company.id;
    const companyPage = dataOf(await story().anonymous<{ company: { jobs: { pageInfo: { endCursor: string } } } }>('query ($id: UUID!) { company(id: $id) { jobs(first: 1) { pageInfo { endCursor } } } }', { id: companyId }));
    expect(codeOf(await story().anonymous(titlesOnly, { after: companyPage.company.jobs.pageInfo.endCursor }))).toBe('BAD_USER_INPUT');
    expect(refusedAtTheEdge(await story().anonymous(titlesOnly, { query: 'engi\u0000neer' }))).toBe('BAD_USER_INPUT');
  });
});

describe('search history through the gateway (CA-27)', () => {
  it('keeps a signed-in person\'s searches for them alone, clears them, and stops when turned off', async () => {
    const owner = await catalog();
    const seeker = await story().candidate('History Seeker');
    await seeker.request(titlesOnly, { query: `engineer ${suffix}`, filter: { countries: ['de'] }, sort: 'SALARY' });
    await seeker.request(titlesOnly, { query: `designer ${suffix}` });
    // Anonymous searches and later pages are not a person's history.
    await story().anonymous(titlesOnly, { query: 'anonymous words' });
    const page = dataOf(await seeker.request<TitlesData>(titlesOnly, { filter: { tags: ['Go'], companyId: null }, first: 1 }));
    await seeker.request(titlesOnly, { filter: { tags: ['go'] }, first: 1, after: page.jobs.pageInfo.endCursor });

    type HistoryData = { viewer: { id: string; searchHistoryEnabled: boolean; searchHistory: { edges: { node: Record<string, unknown> }[] } } };
    const kept = dataOf(await seeker.request<HistoryData>(history)).viewer;
    expect(kept.searchHistoryEnabled).toBe(true);
    expect(kept.searchHistory.edges.map((edge) => edge.node)).toEqual([
      { query: null, filter: { tags: ['go'] }, sort: 'RECENCY', resultCount: 3 },
      { query: `designer ${suffix}`, filter: {}, sort: 'RELEVANCE', resultCount: 1 },
      { query: `engineer ${suffix}`, filter: { countries: ['DE'] }, sort: 'SALARY', resultCount: 5 },
    ]);
    // Another person never sees it: not the owner, not through a teammate's `user`.
    expect(dataOf(await owner.request<HistoryData>(history)).viewer.searchHistory.edges).toEqual([]);
    const companyId = dataOf(await owner.request<{ viewer: { companyMemberships: { company: { id: string } }[] } }>('{ viewer { companyMemberships { company { id } } } }')).viewer.companyMemberships[0]?.company.id;
    const team = dataOf(await owner.request<{ company: { members: { edges: { node: { user: Record<string, unknown> } }[] } } }>(
      'query ($id: UUID!) { company(id: $id) { members { edges { node { user { id searchHistoryEnabled searchHistory { edges { node { query } } } } } } } } }',
      { id: companyId },
    ));
    expect(team.company.members.edges[0]?.node.user).toEqual({ id: owner.id, searchHistoryEnabled: true, searchHistory: { edges: expect.any(Array) } });
    expect(codeOf(await story().anonymous(history))).toBe('UNAUTHENTICATED');
    expect(codeOf(await story().anonymous('mutation { clearSearchHistory { cleared } }'))).toBe('UNAUTHENTICATED');

    const off = dataOf(await seeker.request<{ setSearchHistoryEnabled: { enabled: boolean; errors: unknown[] } }>('mutation { setSearchHistoryEnabled(enabled: false) { enabled errors { code } } }'));
    expect(off.setSearchHistoryEnabled).toEqual({ enabled: false, errors: [] });
    await seeker.request(titlesOnly, { query: 'secret search' });
    const paused = dataOf(await seeker.request<HistoryData>(history)).viewer;
    expect(paused.searchHistoryEnabled).toBe(false);
    expect(paused.searchHistory.edges.map((edge) => edge.node.query)).not.toContain('secret search');

    const cleared = dataOf(await seeker.request<{ clearSearchHistory: { cleared: number } }>('mutation { clearSearchHistory { cleared errors { code } } }'));
    expect(cleared.clearSearchHistory.cleared).toBe(3);
    expect(dataOf(await seeker.request<HistoryData>(history)).viewer.searchHistory.edges).toEqual([]);
    dataOf(await seeker.request('mutation { setSearchHistoryEnabled(enabled: true) { enabled } }'));
    await seeker.request(titlesOnly, { query: 'back on' });
    expect(dataOf(await seeker.request<HistoryData>(history)).viewer.searchHistory.edges.map((edge) => edge.node.query)).toEqual(['back on']);
  });
});
