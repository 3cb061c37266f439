import { describe, expect, it } from 'vitest';
import { createInProcessTransport, createLogger } from '@jobgraph/kit';
import { seedDemo } from '../../src/seed/demo.ts';
import { dataOf } from './graphql-client.ts';
import { useStory } from './story.ts';

/** The whole stack with in-process events, as `pnpm dev` runs it without Kafka. */
const story = useStory({ events: () => createInProcessTransport(createLogger('seed-events', 'silent')) });

const firstSearch = /* GraphQL */ `
  query {
    jobs(first: 10) {
      totalCount
      edges { node { id company { name } place { countryCode } } }
      facets { remoteTypes { value count } employmentTypes { value count } seniorities { value count } tags { value count } countries { value count } places { place { city } count } salaryBands { currency count } }
    }
  }
`;
type Count = { value: string; count: number };
type FirstSearch = { jobs: { totalCount: number; edges: unknown[]; facets: Record<string, Count[]> & { places: { count: number }[]; salaryBands: { currency: string }[] } } };

describe('the demo catalog `pnpm dev` seeds (issue 7, item 8)', () => {
  it('gives a new user\'s first search 300 listings of 30 companies in several countries with real facets, and a second run adds nothing', async () => {
    const first = await seedDemo(story().stack.gatewayUrl);
    expect(first).toMatchObject({ createdCompanies: 30, createdListings: 300 });

    const newcomer = await story().candidate('First Search');
    const search = dataOf(await newcomer.request<FirstSearch>(firstSearch)).jobs;
    expect(search.totalCount).toBeGreaterThanOrEqual(300);
    expect(search.edges).toHaveLength(10);
    expect(search.facets.countries?.length).toBeGreaterThanOrEqual(8);
    expect(search.facets.remoteTypes?.map((entry) => entry.value).sort()).toEqual(['HYBRID', 'ONSITE', 'REMOTE']);
    expect(search.facets.employmentTypes?.length).toBeGreaterThanOrEqual(3);
    expect(search.facets.seniorities?.length).toBeGreaterThanOrEqual(5);
    expect(search.facets.tags).toHaveLength(10);
    expect(search.facets.places).toHaveLength(10);
    expect(new Set(search.facets.salaryBands.map((band) => band.currency)).size).toBeGreaterThanOrEqual(4);

    const again = await seedDemo(story().stack.gatewayUrl);
    expect(again).toMatchObject({ createdCompanies: 0, createdListings: 0 });
    expect(dataOf(await newcomer.request<FirstSearch>(firstSearch)).jobs.totalCount).toBe(search.totalCount);
  }, 300_000);
});
