import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@jobgraph/db/testing';
import { anonymous } from '@jobgraph/kit';
import { startSubgraphHarness, type SubgraphHarness } from '@jobgraph/kit/testing';
import { catalog } from '../src/index.ts';
import { catalogStory, codeOf, type CompanyData, type UserErrorData } from './story.ts';

let database: TestDatabase;
let harness: SubgraphHarness;
let story: ReturnType<typeof catalogStory>;

beforeAll(async () => {
  database = await createTestDatabase();
  harness = await startSubgraphHarness(catalog, database);
  story = catalogStory(harness);
});
afterAll(async () => {
  await harness?.stop();
  await database?.drop();
});

const memberships = /* GraphQL */ `
  query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { id companyMemberships { role company { id name } } } } }
`;
const updateCompany = /* GraphQL */ `
  mutation ($input: UpdateCompanyInput!) { updateCompany(input: $input) { company { id name slug website description } errors { field code message } } }
`;
const companyQuery = /* GraphQL */ `query ($id: UUID, $slug: String) { company(id: $id, slug: $slug) { id name slug } }`;

describe('creating a company', () => {
  it('makes the employer its owner', async () => {
    const employer = story.employer();
    const company = await story.createCompany(employer, 'Northwind Traders', { website: 'https://northwind.example', description: 'Tea and more.' });
    expect(company).toMatchObject({ name: 'Northwind Traders', slug: 'northwind-traders', website: 'https://northwind.example/', description: 'Tea and more.' });
    const result = await harness.request<{ _entities: { companyMemberships: unknown[] }[] }>(memberships, { r: [{ __typename: 'User', id: employer.userId }] }, employer);
    expect(result.data?._entities[0]?.companyMemberships).toEqual([{ role: 'OWNER', company: { id: company.id, name: 'Northwind Traders' } }]);
  });

  it('refuses a name that normalizes to an existing company’s', async () => {
    await story.createCompany(story.employer(), 'Acme, Inc.');
    const result = await story.createCompanyRequest(story.employer(), { name: 'ACME inc' });
    expect(result.data?.createCompany).toEqual({ company: null, errors: [expect.objectContaining({ code: 'COMPANY_EXISTS', field: ['input', 'name'] })] });
  });

  it('gives distinct companies that share a slug distinct slugs', async () => {
    const first = await story.createCompany(story.employer(), 'C++ Labs');
    const second = await story.createCompany(story.employer(), 'C# Labs');
    expect([first.slug, second.slug]).toEqual(['c-labs', 'c-labs-2']);
  });

  it('needs the employer, recruiter or admin role', async () => {
    const result = await story.createCompanyRequest(story.candidate(), { name: 'Candidate Co-op' });
    expect(codeOf(result)).toBe('FORBIDDEN');
    expect(codeOf(await story.createCompanyRequest(anonymous, { name: 'Nobody' }))).toBe('UNAUTHENTICATED');
  });

  it('reports invalid fields as user errors on their paths', async () => {
    const result = await story.createCompanyRequest(story.employer(), { name: '  ...  ', website: 'ftp://files.example', description: 'x'.repeat(5001) });
    const errors = result.data?.createCompany.errors ?? [];
    expect(errors.map((e: UserErrorData) => [e.code, e.field.join('.')])).toEqual([
      ['INVALID_NAME', 'input.name'],
      ['INVALID_WEBSITE', 'input.website'],
      ['INVALID_DESCRIPTION', 'input.description'],
    ]);
  });
});

describe('updating a company', () => {
  it('lets an owner change name and website but keeps the slug', async () => {
    const owner = story.employer();
    const company = await story.createCompany(owner, 'Globex');
    const result = await harness.request<{ updateCompany: { company: CompanyData; errors: UserErrorData[] } }>(
      updateCompany,
      { input: { id: company.id, name: 'Globex Corporation International', website: null, description: 'Rebranded.' } },
      owner,
    );
    expect(result.data?.updateCompany).toEqual({
      company: { id: company.id, name: 'Globex Corporation International', slug: 'globex', website: null, description: 'Rebranded.' },
      errors: [],
    });
  });

  it('is FORBIDDEN to someone outside the company', async () => {
    const company = await story.createCompany(story.employer(), 'Initech');
    const result = await harness.request(updateCompany, { input: { id: company.id, name: 'Hijacked' } }, story.employer());
    expect(codeOf(result)).toBe('FORBIDDEN');
    const after = await harness.request<{ company: { name: string } }>(companyQuery, { id: company.id });
    expect(after.data?.company.name).toBe('Initech');
  });

  it('refuses a rename onto another company’s name', async () => {
    const owner = story.employer();
    await story.createCompany(story.employer(), 'Umbrella');
    const company = await story.createCompany(owner, 'Hooli');
    const result = await harness.request<{ updateCompany: { errors: UserErrorData[] } }>(updateCompany, { input: { id: company.id, name: 'Umbrella Ltd.' } }, owner);
    expect(result.data?.updateCompany.errors[0]).toMatchObject({ code: 'COMPANY_EXISTS', field: ['input', 'name'] });
  });
});

describe('finding a company', () => {
  it('answers by id and by slug, whatever the slug’s case', async () => {
    const company = await story.createCompany(story.employer(), 'Stark Industries');
    const byId = await harness.request<{ company: CompanyData }>(companyQuery, { id: company.id });
    const bySlug = await harness.request<{ company: CompanyData }>(companyQuery, { slug: 'Stark-Industries' });
    expect(byId.data?.company).toEqual({ id: company.id, name: 'Stark Industries', slug: 'stark-industries' });
    expect(bySlug.data?.company).toEqual(byId.data?.company);
  });

  it('needs exactly one of id and slug', async () => {
    const company = await story.createCompany(story.employer(), 'Wayne Enterprises');
    expect(codeOf(await harness.request(companyQuery, {}))).toBe('BAD_USER_INPUT');
    expect(codeOf(await harness.request(companyQuery, { id: company.id, slug: company.slug }))).toBe('BAD_USER_INPUT');
  });

  it('answers null for a slug nobody has', async () => {
    const result = await harness.request<{ company: null }>(companyQuery, { slug: 'no-such-company' });
    expect(result.data?.company).toBeNull();
  });
});

describe('a user’s company memberships', () => {
  it('are shown to the user themself only', async () => {
    const owner = story.employer();
    await story.createCompany(owner, 'Cyberdyne Systems');
    const representation = { r: [{ __typename: 'User', id: owner.userId }] };
    const asStranger = await harness.request<{ _entities: { companyMemberships: unknown[] }[] }>(memberships, representation, story.employer());
    const asAnonymous = await harness.request<{ _entities: { companyMemberships: unknown[] }[] }>(memberships, representation);
    expect(asStranger.data?._entities[0]?.companyMemberships).toEqual([]);
    expect(asAnonymous.data?._entities[0]?.companyMemberships).toEqual([]);
  });
});

describe('a company\'s headquarters as a place (CA-15)', () => {
  const read = /* GraphQL */ `query ($id: UUID!) { company(id: $id) { headquartersPlace { id city countryCode } } }`;
  const listingPlace = /* GraphQL */ `query ($id: UUID!) { job(id: $id) { place { id } } }`;
  type Placed = { company: { headquartersPlace: { id: string; city: string; countryCode: string } | null } };

  it('shares the normalized place with listings, filters companies by country, and clears with null', async () => {
    const owner = story.employer();
    const lisbon = { city: 'Lisbon', countryCode: 'pt', latitude: 38.7223, longitude: -9.1393, timezone: 'Europe/Lisbon' };
    const company = await story.createCompany(owner, 'Tagus Shipping', { headquartersPlace: lisbon });
    const placed = (await harness.request<Placed>(read, { id: company.id })).data?.company.headquartersPlace;
    expect(placed).toMatchObject({ city: 'Lisbon', countryCode: 'PT' });
    const listing = await story.postListing(owner, company.id, { place: { ...lisbon, city: 'LISBON' } });
    expect((await harness.request<{ job: { place: { id: string } } }>(listingPlace, { id: listing.id })).data?.job.place.id).toBe(placed?.id);

    const browse = async (countries: string[]) =>
      (await harness.request<{ companies: { edges: { node: { name: string } }[] } }>('query ($c: [String!]) { companies(filter: { countries: $c }, first: 100) { edges { node { name } } } }', { c: countries })).data?.companies.edges.map(
        (edge) => edge.node.name,
      );
    expect(await browse(['PT'])).toEqual(['Tagus Shipping']);
    expect(await browse(['NO'])).toEqual([]);
    expect(codeOf(await harness.request('query { companies(filter: { countries: ["Portugal"] }) { edges { cursor } } }'))).toBe('BAD_USER_INPUT');

    const bad = await harness.request<{ updateCompany: { errors: UserErrorData[] } }>(updateCompany, { input: { id: company.id, headquartersPlace: { ...lisbon, latitude: 123 } } }, owner);
    expect(bad.data?.updateCompany.errors.map((error) => [error.code, error.field.join('.')])).toEqual([['INVALID_PLACE', 'input.headquartersPlace.latitude']]);
    await harness.request(updateCompany, { input: { id: company.id, description: 'Still here.' } }, owner);
    expect((await harness.request<Placed>(read, { id: company.id })).data?.company.headquartersPlace?.city).toBe('Lisbon');
    await harness.request(updateCompany, { input: { id: company.id, headquartersPlace: null } }, owner);
    expect((await harness.request<Placed>(read, { id: company.id })).data?.company.headquartersPlace).toBeNull();
  });
});
