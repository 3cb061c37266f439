import { describe, expect, it } from 'vitest';
import { dataOf, refusedAtTheEdge, type GraphQLResponse } from './graphql-client.ts';
import { platformAdmin } from './platform-admin.ts';
import { useStory, type Member } from './story.ts';

const story = useStory();

const createCompany = /* GraphQL */ `
  mutation ($input: CreateCompanyInput!) {
    createCompany(input: $input) {
      company { id name logoUrl industry size headquarters foundedYear type webDomain linkedinId verified verifiedAt }
      errors { field code }
    }
  }
`;
const updateCompany = /* GraphQL */ `mutation ($input: UpdateCompanyInput!) { updateCompany(input: $input) { company { webDomain industry size } errors { field code } } }`;
const verify = /* GraphQL */ `mutation ($id: UUID!, $verified: Boolean!) { setCompanyVerified(id: $id, verified: $verified) { company { verified verifiedAt } errors { code } } }`;
const browse = /* GraphQL */ `
  query ($query: String, $filter: CompanyFilter, $first: Int, $after: String) {
    companies(query: $query, filter: $filter, first: $first, after: $after) { edges { cursor node { name industry size verified } } pageInfo { hasNextPage endCursor } }
  }
`;

type Errors = { errors: { code: string; field: string[] }[] };
type CompanyNode = { id: string; name: string; verified: boolean; webDomain: string | null; [field: string]: unknown };
type Browse = { companies: { edges: { cursor: string; node: { name: string; industry: string | null; size: string | null; verified: boolean } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };

const codeOf = (response: GraphQLResponse<unknown>) => response.errors?.[0]?.extensions?.code;
const suffix = crypto.randomUUID().slice(0, 6);

async function found(owner: Member, input: Record<string, unknown>): Promise<CompanyNode> {
  const result = dataOf(await owner.request<{ createCompany: Errors & { company: CompanyNode | null } }>(createCompany, { input }));
  expect(result.createCompany.errors).toEqual([]);
  return result.createCompany.company as CompanyNode;
}

describe('companies through the gateway (CA-03, CA-18)', () => {
  it('keeps firmographics, one live company per web domain, and a badge only platform admins set', async () => {
    const owner = await story().employer('Fiona Firmographics');
    const company = await found(owner, {
      name: `Acme Robotics ${suffix}`,
      logoUrl: 'https://cdn.example.com/acme.png',
      industry: 'Robotics',
      size: 'MEDIUM',
      headquarters: 'Berlin, Germany',
      foundedYear: 2012,
      type: 'PRIVATE',
      webDomain: `https://www.Acme-${suffix}.example.com/jobs`,
      linkedinId: `https://www.linkedin.com/company/acme-robotics-${suffix}/`,
    });
    expect(company).toMatchObject({ industry: 'Robotics', size: 'MEDIUM', foundedYear: 2012, type: 'PRIVATE', webDomain: `acme-${suffix}.example.com`, linkedinId: `acme-robotics-${suffix}`, verified: false, verifiedAt: null });

    const copycat = await story().employer('Carl Copycat');
    const clash = dataOf(await copycat.request<{ createCompany: Errors }>(createCompany, { input: { name: `Other ${suffix}`, webDomain: `ACME-${suffix}.example.com` } }));
    expect(clash.createCompany.errors).toEqual([{ field: ['input', 'webDomain'], code: 'DOMAIN_TAKEN' }]);
    const other = await found(copycat, { name: `Other ${suffix}` });
    const renamed = dataOf(await copycat.request<{ updateCompany: Errors }>(updateCompany, { input: { id: other.id, webDomain: `acme-${suffix}.example.com` } }));
    expect(renamed.updateCompany.errors).toEqual([{ field: ['input', 'webDomain'], code: 'DOMAIN_TAKEN' }]);

    const invalid = dataOf(
      await owner.request<{ createCompany: Errors }>(createCompany, {
        input: { name: `Bad ${suffix}`, logoUrl: 'http://insecure.example.com/x.png', foundedYear: 3000, webDomain: 'not a domain', linkedinId: "'; drop table --", industry: 'x'.repeat(10_000) },
      }),
    );
    expect(invalid.createCompany.errors.map((error) => error.code).sort()).toEqual(['INVALID_FOUNDED_YEAR', 'INVALID_INDUSTRY', 'INVALID_LINKEDIN_ID', 'INVALID_LOGO_URL', 'INVALID_WEB_DOMAIN']);

    expect(codeOf(await owner.request(verify, { id: company.id, verified: true }))).toBe('FORBIDDEN');
    expect(codeOf(await story().anonymous(verify, { id: company.id, verified: true }))).toBe('UNAUTHENTICATED');
    const badge = await owner.request(updateCompany.replace('webDomain industry size', 'webDomain'), { input: { id: company.id, verified: true } });
    expect(codeOf(badge)).toBe('BAD_USER_INPUT');

    const admin = await platformAdmin(story());
    const verified = dataOf(await admin.request<{ setCompanyVerified: Errors & { company: { verified: boolean; verifiedAt: string | null } } }>(verify, { id: company.id, verified: true }));
    expect(verified.setCompanyVerified.company.verified).toBe(true);
    expect(verified.setCompanyVerified.company.verifiedAt).not.toBeNull();
    expect(dataOf(await admin.request<{ setCompanyVerified: Errors }>(verify, { id: crypto.randomUUID(), verified: true })).setCompanyVerified.errors[0]?.code).toBe('NOT_FOUND');
  });

  it('finds companies by a typo of their name, filters by industry and size, and pages with stable cursors', async () => {
    const owner = await story().employer('Browsing Owner');
    await found(owner, { name: `Zeppelin Logistics ${suffix}`, industry: 'Logistics', size: 'LARGE' });
    await found(owner, { name: `Zephyr Analytics ${suffix}`, industry: 'Software', size: 'SMALL' });
    await found(owner, { name: `Quantum Bakery ${suffix}`, industry: 'Food', size: 'MICRO' });

    const typo = dataOf(await story().anonymous<Browse>(browse, { query: 'Zepelin' }));
    expect(typo.companies.edges[0]?.node.name).toBe(`Zeppelin Logistics ${suffix}`);

    const software = dataOf(await story().anonymous<Browse>(browse, { query: suffix, filter: { industries: ['SOFTWARE'], sizes: ['SMALL', 'MICRO'] } }));
    expect(software.companies.edges.map((edge) => edge.node.name)).toEqual([`Zephyr Analytics ${suffix}`]);

    const names: string[] = [];
    let after: string | null = null;
    for (let round = 0; round < 10; round += 1) {
      const page: Browse = dataOf(await story().anonymous<Browse>(browse, { query: suffix, first: 2, after }));
      names.push(...page.companies.edges.map((edge) => edge.node.name));
      if (!page.companies.pageInfo.hasNextPage) break;
      after = page.companies.pageInfo.endCursor;
    }
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining([`Zeppelin Logistics ${suffix}`, `Zephyr Analytics ${suffix}`, `Quantum Bakery ${suffix}`]));

    const byName = dataOf(await story().anonymous<Browse>(browse, { first: 1 }));
    const foreign = await story().anonymous(browse, { query: suffix, after: byName.companies.pageInfo.endCursor });
    expect(codeOf(foreign)).toBe('BAD_USER_INPUT');
    for (const query of ["%' or 1=1 --", '.*[(', '\\', '_%_']) {
      expect(dataOf(await story().anonymous<Browse>(browse, { query })).companies.edges).toEqual([]);
    }
    expect(refusedAtTheEdge(await story().anonymous(browse, { query: 'a\u0000b' }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await story().anonymous(browse, { query: 'x'.repeat(10_000) }))).toBe('BAD_USER_INPUT');
  });

  it('places headquarters in the shared normalized places and browses companies by country (CA-15)', async () => {
    const owner = await story().employer('Hq Owner');
    const oslo = { city: 'Oslo', countryCode: 'NO', latitude: 59.9139, longitude: 10.7522, timezone: 'Europe/Oslo' };
    const company = await found(owner, { name: `Fjord Freight ${suffix}`, headquarters: 'Oslo, Norway', headquartersPlace: oslo });
    const read = dataOf(await story().anonymous<{ company: { headquarters: string; headquartersPlace: unknown } }>('query ($id: UUID!) { company(id: $id) { headquarters headquartersPlace { city countryCode timezone } } }', { id: company.id }));
    expect(read.company).toEqual({ headquarters: 'Oslo, Norway', headquartersPlace: { city: 'Oslo', countryCode: 'NO', timezone: 'Europe/Oslo' } });
    const inNorway = dataOf(await story().anonymous<Browse>('query ($f: CompanyFilter) { companies(filter: $f, first: 50) { edges { node { name } } pageInfo { hasNextPage endCursor } } }', { f: { countries: ['no'] } }));
    expect(inNorway.companies.edges.map((edge) => edge.node.name)).toEqual([`Fjord Freight ${suffix}`]);
    const bad = dataOf(await owner.request<{ createCompany: Errors }>(createCompany, { input: { name: `Nowhere ${suffix}`, headquartersPlace: { ...oslo, countryCode: 'Norway', timezone: 'Mars/Base' } } }));
    expect(bad.createCompany.errors.map((error) => error.code)).toEqual(['INVALID_PLACE', 'INVALID_PLACE']);
    expect(codeOf(await story().anonymous('query { companies(filter: { countries: ["\' or 1=1"] }) { edges { cursor } } }'))).toBe('BAD_USER_INPUT');
  });
});
