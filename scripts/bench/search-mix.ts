/** The searches `bench:search` times: what job seekers type and click, typos and deep pages included. */

export interface BenchSearch {
  readonly kind: string;
  readonly query: string;
  readonly variables: Record<string, unknown>;
}

const page = /* GraphQL */ `
  query ($query: String, $filter: JobFilter, $sort: JobSort, $first: Int, $after: String) {
    jobs(query: $query, filter: $filter, sort: $sort, first: $first, after: $after) {
      edges { cursor node { id title remoteType seniority salary { minCents maxCents currency } company { id name } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;
const withFacets = /* GraphQL */ `
  query ($query: String, $filter: JobFilter, $first: Int) {
    jobs(query: $query, filter: $filter, first: $first) {
      totalCount
      edges { node { id title company { name } } }
      facets {
        remoteTypes { value count } employmentTypes { value count } seniorities { value count } tags { value count }
        places { place { id city } count } countries { value count } salaryBands { currency period minCents count }
      }
    }
  }
`;

const search = (kind: string, variables: Record<string, unknown>, query = page): BenchSearch => ({ kind, query, variables: { first: 20, ...variables } });

/**
 * The mix, with the cursors of deep pages fetched first (through `fetchPage`), and one
 * listing id for the baseline (a single listing by id: what the rest is compared with).
 */
export async function benchSearches(fetchPage: (search: BenchSearch) => Promise<unknown>): Promise<BenchSearch[]> {
  const base: BenchSearch[] = [
    search('words: backend engineer', { query: 'backend engineer' }),
    search('words: senior data scientist', { query: 'senior data scientist' }),
    search('words: one rare word (kotlin)', { query: 'kotlin' }),
    search('typo: enginer', { query: 'enginer' }),
    search('typo: kuberntes platfrom', { query: 'kuberntes platfrom' }),
    search('typo: devloper', { query: 'devloper' }),
    search('no words: newest', {}),
    search('filters: remote + senior', { filter: { remoteTypes: ['REMOTE'], seniorities: ['SENIOR'] } }),
    search('filters: tags go + kafka', { filter: { tags: ['go', 'kafka'] } }),
    search('filters: country DE + contract', { filter: { countries: ['DE'], employmentTypes: ['CONTRACT'] } }),
    search('filters: min salary 100k EUR', { filter: { minSalary: { amountCents: 10_000_000, currency: 'EUR' } } }),
    search('words + filters: python remote', { query: 'python', filter: { remoteTypes: ['REMOTE'] } }),
    search('radius: 50 km', { filter: { near: { latitude: 52.52, longitude: 13.405, radiusKm: 50 } } }),
    search('radius: 800 km + words', { query: 'engineer', filter: { near: { latitude: 48.85, longitude: 2.35, radiusKm: 800 } } }),
    search('sort: salary', { sort: 'SALARY' }),
    search('sort: salary + filter', { sort: 'SALARY', filter: { remoteTypes: ['HYBRID'] } }),
    search('sort: recency + words', { query: 'developer', sort: 'RECENCY' }),
    search('facets: no words', {}, withFacets),
    search('facets: words', { query: 'platform engineer' }, withFacets),
    search('facets: filters', { filter: { remoteTypes: ['REMOTE'], countries: ['FR', 'DE'] } }, withFacets),
  ];
  const deep = async (kind: string, variables: Record<string, unknown>, pages: number): Promise<BenchSearch> => {
    let after: string | null = null;
    for (let n = 1; n < pages; n += 1) {
      const data = (await fetchPage(search(kind, { ...variables, after }))) as { jobs: { pageInfo: { endCursor: string | null } } };
      after = data.jobs.pageInfo.endCursor;
    }
    return search(kind, { ...variables, after });
  };
  const listing = (await fetchPage(search('first listing', { first: 1 }))) as { jobs: { edges: { node: { id: string } }[] } };
  return [
    ...base,
    await deep('deep page 25: newest', {}, 25),
    await deep('deep page 25: words', { query: 'engineer' }, 25),
    await deep('deep page 25: salary', { sort: 'SALARY' }, 25),
    { kind: 'baseline: a listing by id', query: 'query ($id: UUID!) { job(id: $id) { id title company { name } } }', variables: { id: listing.jobs.edges[0]?.node.id } },
  ];
}
