import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@jobgraph/db/testing';
import { startSubgraphHarness, type SubgraphHarness } from '@jobgraph/kit/testing';
import { catalog } from '../src/index.ts';
import { catalogStory, type CompanyData, type ListingData } from './story.ts';

let database: TestDatabase;
let harness: SubgraphHarness;
let companies: CompanyData[];
let listings: ListingData[];

beforeAll(async () => {
  database = await createTestDatabase();
  harness = await startSubgraphHarness(catalog, database);
  const story = catalogStory(harness);
  const owner = story.employer();
  companies = [];
  listings = [];
  for (const name of ['Aperture Science', 'Black Mesa', 'Xen Labs']) {
    const company = await story.createCompany(owner, name);
    companies.push(company);
    for (const title of ['Test Subject Coordinator', 'Portal Engineer']) listings.push(await story.postListing(owner, company.id, { title: `${title} at ${name}` }));
  }
});
afterAll(async () => {
  await harness?.stop();
  await database?.drop();
});

const statementsOn = (table: string) => harness.queries.filter((query) => query.query.sql.includes(`"${table}"`));

describe('resolving entities for the gateway', () => {
  it('resolves many companies in one SQL statement, and unknown or malformed ids to null', async () => {
    const query = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Company { id name } } }';
    const ids = [...companies.map((company) => company.id), crypto.randomUUID(), 'not-a-uuid'];
    harness.resetQueries();
    const result = await harness.request<{ _entities: ({ id: string } | null)[] }>(query, { r: ids.map((id) => ({ __typename: 'Company', id })) });
    expect(result.data?._entities.map((company) => company?.id ?? null)).toEqual([...companies.map((company) => company.id), null, null]);
    expect(harness.queries).toHaveLength(1);
  });

  it('resolves many listings and their companies in one SQL statement per table', async () => {
    const query = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on JobListing { id title company { id name } } } }';
    harness.resetQueries();
    const result = await harness.request<{ _entities: ({ id: string; company: { id: string } } | null)[] }>(query, {
      r: listings.map((listing) => ({ __typename: 'JobListing', id: listing.id })),
    });
    expect(result.data?._entities.map((listing) => listing?.id)).toEqual(listings.map((listing) => listing.id));
    expect(result.data?._entities.map((listing) => listing?.company.id)).toEqual(listings.map((listing) => listing.company.id));
    expect(statementsOn('job_listings')).toHaveLength(1);
    expect(statementsOn('companies')).toHaveLength(1);
    expect(harness.queries).toHaveLength(2);
  });

  it('answers a user reference with the fields catalog adds', async () => {
    const query = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { id companyMemberships { role } } } }';
    const id = crypto.randomUUID();
    const result = await harness.request<{ _entities: unknown[] }>(query, { r: [{ __typename: 'User', id }] });
    expect(result.data?._entities).toEqual([{ id, companyMemberships: [] }]);
  });
});

describe('lists inside lists', () => {
  it('loads every company’s listings in one statement, however many companies a page holds', async () => {
    const query = /* GraphQL */ `
      query { jobs(first: 100) { edges { node { id company { id jobs(first: 1) { edges { node { id } } pageInfo { hasNextPage } } } } } } }
    `;
    harness.resetQueries();
    const result = await harness.request<{ jobs: { edges: { node: { company: { jobs: { edges: unknown[]; pageInfo: { hasNextPage: boolean } } } } }[] } }>(query);
    const nested = result.data?.jobs.edges.map((edge) => edge.node.company.jobs) ?? [];
    expect(nested).toHaveLength(6);
    for (const page of nested) expect(page).toMatchObject({ edges: [expect.anything()], pageInfo: { hasNextPage: true } });
    // the search, the companies, the companies' listings
    expect(harness.queries).toHaveLength(3);
  });
});
