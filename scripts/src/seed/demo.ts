import cliProgress from 'cli-progress';
import { demoCatalogCompanies, demoCatalogListings, type DemoCompany } from './demo-catalog.ts';
import { demoAccounts, demoCompanyPlan, demoEmployer, demoPassword } from './demo-data.ts';
import { seedClient, type SeedClient } from './gateway-client.ts';

export interface DemoSeed {
  readonly accounts: readonly { email: string; role: string }[];
  /** How many companies and listings this run added (0 and 0 on a database seeded before). */
  readonly createdCompanies: number;
  readonly createdListings: number;
}

type Errors = { errors: { code: string }[] };
interface Tokens {
  tokens: { accessToken: string } | null;
  errors: { code: string }[];
}

/** Companies seeded at once; a company's listings go one after another (its plan limit is counted under a lock). */
const parallelCompanies = 4;

/**
 * Fills the database through the gateway's public mutations (so every event fires as for a
 * real user), with a progress bar: the demo people, 30 companies on a trial plan, 300 open
 * listings in 11 countries, and a candidate's first applications. Idempotent: each step
 * looks for what exists (accounts sign in, companies and listings are found by name), so
 * a run interrupted half-way is completed by the next `pnpm dev`, and a complete one adds nothing.
 */
export async function seedDemo(gatewayUrl: string): Promise<DemoSeed> {
  const client = seedClient(gatewayUrl);
  const listingTotal = demoCatalogCompanies.reduce((sum, _company, index) => sum + demoCatalogListings(index).length, 0);
  const bar = new cliProgress.SingleBar({ format: '  seeding demo data [{bar}] {value}/{total} {step}', hideCursor: true, clearOnComplete: false }, cliProgress.Presets.shades_classic);
  bar.start(demoAccounts.length + demoCatalogCompanies.length + listingTotal + 1, 0, { step: '' });
  let createdCompanies = 0;
  let createdListings = 0;
  try {
    const tokens = new Map<string, string>();
    for (const account of demoAccounts) {
      bar.increment({ step: `account ${account.email}` });
      tokens.set(account.email, await signedIn(client, account));
    }
    const employer = tokens.get(demoEmployer) ?? '';
    const existing = await companiesOf(client, employer);
    const queue = demoCatalogCompanies.map((company, index) => ({ company, index }));
    await Promise.all(
      Array.from({ length: parallelCompanies }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          const { company, index } = next;
          bar.increment({ step: `company ${company.name}` });
          let companyId = existing.get(company.name);
          if (!companyId) {
            companyId = await createCompany(client, employer, company);
            createdCompanies += 1;
          }
          await onPlan(client, employer, companyId);
          const titles = await listingTitles(client, employer, companyId);
          for (const listing of demoCatalogListings(index)) {
            bar.increment({ step: `listing ${listing.title}` });
            if (titles.has(listing.title)) continue;
            await postListing(client, employer, { ...listing.input, companyId });
            createdListings += 1;
          }
        }
      }),
    );
    bar.increment({ step: 'a candidate\'s first applications' });
    await seedCandidate(client, tokens.get('ada@demo.jobgraph.dev') ?? '');
  } finally {
    bar.stop();
  }
  return { accounts: demoAccounts.map((account) => ({ email: account.email, role: account.role.toLowerCase() })), createdCompanies, createdListings };
}

async function signedIn(client: SeedClient, account: (typeof demoAccounts)[number]): Promise<string> {
  const signIn = await client.request<{ signIn: Tokens }>('mutation ($i: SignInInput!) { signIn(input: $i) { tokens { accessToken } errors { code } } }', { i: { email: account.email, password: demoPassword } });
  if (signIn.signIn.tokens) return signIn.signIn.tokens.accessToken;
  const signUp = await client.request<{ signUp: Tokens }>('mutation ($i: SignUpInput!) { signUp(input: $i) { tokens { accessToken } errors { code } } }', { i: { ...account, password: demoPassword } });
  if (!signUp.signUp.tokens) throw new Error(`could not create ${account.email}: ${signUp.signUp.errors.map((e) => e.code).join(', ')}`);
  return signUp.signUp.tokens.accessToken;
}

async function companiesOf(client: SeedClient, token: string): Promise<Map<string, string>> {
  const data = await client.request<{ viewer: { companyMemberships: { company: { id: string; name: string } }[] } }>('{ viewer { companyMemberships { company { id name } } } }', {}, token);
  return new Map(data.viewer.companyMemberships.map((membership) => [membership.company.name, membership.company.id]));
}

async function createCompany(client: SeedClient, token: string, company: DemoCompany): Promise<string> {
  const result = await client.request<{ createCompany: Errors & { company: { id: string } | null } }>('mutation ($i: CreateCompanyInput!) { createCompany(input: $i) { company { id } errors { code } } }', { i: company.input }, token);
  if (!result.createCompany.company) throw new Error(`could not create ${company.name}: ${result.createCompany.errors.map((e) => e.code).join(', ')}`);
  return result.createCompany.company.id;
}

/** The company on the demo plan (a trial, so nothing is charged); the same idempotency key makes a repeat a no-op. */
async function onPlan(client: SeedClient, token: string, companyId: string): Promise<void> {
  const current = await client.request<{ companySubscription: { plan: { code: string } } | null }>('query ($id: UUID!) { companySubscription(companyId: $id) { plan { code } } }', { id: companyId }, token);
  if (current.companySubscription?.plan.code === demoCompanyPlan) return;
  // Billing learns who owns a new company from catalog's CompanyMemberAdded: until then it is NOT_FOUND.
  const deadline = Date.now() + 60_000;
  for (;;) {
    const result = await client.request<{ subscribe: Errors }>('mutation ($i: SubscribeInput!) { subscribe(input: $i) { errors { code } } }', { i: { planCode: demoCompanyPlan, companyId, idempotencyKey: `demo-seed-${companyId}` } }, token);
    const refused = result.subscribe.errors.map((error) => error.code).filter((code) => code !== 'ALREADY_SUBSCRIBED');
    if (refused.length === 0) return;
    if (!refused.every((code) => code === 'NOT_FOUND') || Date.now() > deadline) throw new Error(`could not put company ${companyId} on ${demoCompanyPlan}: ${refused.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function listingTitles(client: SeedClient, token: string, companyId: string): Promise<Set<string>> {
  const data = await client.request<{ company: { jobs: { edges: { node: { title: string } }[] } } }>(
    'query ($id: UUID!) { company(id: $id) { jobs(first: 100, statuses: [DRAFT, OPEN, CLOSED, EXPIRED]) { edges { node { title } } } } }',
    { id: companyId },
    token,
  );
  return new Set(data.company.jobs.edges.map((edge) => edge.node.title));
}

/** Posts an open listing; while the plan bought a moment ago is still on its way to catalog (an event), waits and tries again. */
async function postListing(client: SeedClient, token: string, input: Record<string, unknown>): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const result = await client.request<{ createJobListing: Errors & { jobListing: { id: string } | null } }>('mutation ($i: CreateJobListingInput!) { createJobListing(input: $i) { jobListing { id } errors { code } } }', { i: input }, token);
    if (result.createJobListing.jobListing) return;
    const codes = result.createJobListing.errors.map((e) => e.code);
    if (!codes.includes('PLAN_LIMIT_REACHED') || Date.now() > deadline) throw new Error(`could not post ${String(input.title)}: ${codes.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Ada's profile and, while she has none, a few applications (to the newest listings) and a move along her pipeline. */
async function seedCandidate(client: SeedClient, token: string): Promise<void> {
  await client.request(
    'mutation ($i: UpdateCareerProfileInput!) { updateCareerProfile(input: $i) { errors { code } } }',
    { i: { headline: 'Backend engineer who likes graphs', summary: 'Eight years of APIs and databases.', skills: ['TypeScript', 'GraphQL', 'PostgreSQL', 'Kafka'], openToWork: true, remote: 'REMOTE', yearsOfExperience: 8 } },
    token,
  );
  const applied = await client.request<{ viewer: { applications: { edges: unknown[] } } }>('{ viewer { applications(first: 1) { edges { cursor } } } }', {}, token);
  if (applied.viewer.applications.edges.length > 0) return;
  const newest = await client.request<{ jobs: { edges: { node: { id: string } }[] } }>('{ jobs(first: 3) { edges { node { id } } } }', {}, token);
  const jobIds = newest.jobs.edges.map((edge) => edge.node.id);
  const applicationIds: string[] = [];
  for (const jobId of jobIds) {
    const result = await client.request<{ createApplication: { application: { id: string } | null } }>('mutation ($i: CreateApplicationInput!) { createApplication(input: $i) { application { id } errors { code } } }', { i: { jobId } }, token);
    if (result.createApplication.application) applicationIds.push(result.createApplication.application.id);
  }
  await client.request('mutation ($i: CreateApplicationInput!) { createApplication(input: $i) { errors { code } } }', { i: { manualJob: { title: 'Platform Engineer', companyName: 'Initech', url: 'https://initech.example/jobs/1' } } }, token);
  const stages = await client.request<{ viewer: { applicationStages: { id: string; kind: string }[] } }>('{ viewer { applicationStages { id kind } } }', {}, token);
  const interview = stages.viewer.applicationStages.find((stage) => stage.kind === 'INTERVIEW');
  if (interview && applicationIds[0]) {
    await client.request('mutation ($i: MoveApplicationInput!) { moveApplication(input: $i) { errors { code } } }', { i: { applicationId: applicationIds[0], stageId: interview.id, note: 'Recruiter call booked' } }, token);
  }
}
