import cliProgress from 'cli-progress';
import { demoAccounts, demoCompanies, demoListings, demoPassword } from './demo-data.ts';
import { seedClient } from './gateway-client.ts';

export interface DemoSeed {
  readonly accounts: readonly { email: string; role: string }[];
  readonly created: boolean;
}

interface Tokens {
  tokens: { accessToken: string } | null;
  user: { id: string } | null;
  errors: { code: string }[];
}

/**
 * Fills an empty database through the gateway's public mutations (so every event
 * fires as for a real user), with a progress bar. On a database seeded before, it
 * only signs the demo accounts in.
 */
export async function seedDemo(gatewayUrl: string): Promise<DemoSeed> {
  const client = seedClient(gatewayUrl);
  const accounts = demoAccounts.map((account) => ({ email: account.email, role: account.role.toLowerCase() }));
  const signIn = await client.request<{ signIn: Tokens }>('mutation ($i: SignInInput!) { signIn(input: $i) { tokens { accessToken } user { id } errors { code } } }', {
    i: { email: demoAccounts[0].email, password: demoPassword },
  });
  if (signIn.signIn.tokens) return { accounts, created: false };

  const steps = demoAccounts.length + demoCompanies.length + demoListings.length + 3;
  const bar = new cliProgress.SingleBar({ format: '  seeding demo data [{bar}] {value}/{total} {step}', hideCursor: true, clearOnComplete: false }, cliProgress.Presets.shades_classic);
  bar.start(steps, 0, { step: '' });
  try {
    const tokens = new Map<string, string>();
    for (const account of demoAccounts) {
      bar.increment({ step: `account ${account.email}` });
      const result = await client.request<{ signUp: Tokens }>('mutation ($i: SignUpInput!) { signUp(input: $i) { tokens { accessToken } user { id } errors { code } } }', {
        i: { ...account, password: demoPassword },
      });
      if (!result.signUp.tokens) throw new Error(`could not create ${account.email}: ${result.signUp.errors.map((e) => e.code).join(', ')}`);
      tokens.set(account.email, result.signUp.tokens.accessToken);
    }
    const employer = tokens.get('erin@demo.jobgraph.dev') ?? '';
    const companyIds: string[] = [];
    for (const company of demoCompanies) {
      bar.increment({ step: `company ${company.name}` });
      const result = await client.request<{ createCompany: { company: { id: string } | null } }>('mutation ($i: CreateCompanyInput!) { createCompany(input: $i) { company { id } errors { code } } }', { i: company }, employer);
      companyIds.push(result.createCompany.company?.id ?? '');
    }
    const jobIds: string[] = [];
    for (const listing of demoListings) {
      bar.increment({ step: `listing ${listing.input.title}` });
      const result = await client.request<{ createJobListing: { jobListing: { id: string } | null } }>(
        'mutation ($i: CreateJobListingInput!) { createJobListing(input: $i) { jobListing { id } errors { code } } }',
        { i: { ...listing.input, companyId: companyIds[listing.companyIndex] } },
        employer,
      );
      jobIds.push(result.createJobListing.jobListing?.id ?? '');
    }
    const ada = tokens.get('ada@demo.jobgraph.dev') ?? '';
    bar.increment({ step: 'career profile' });
    await client.request(
      'mutation ($i: UpdateCareerProfileInput!) { updateCareerProfile(input: $i) { errors { code } } }',
      { i: { headline: 'Backend engineer who likes graphs', summary: 'Eight years of APIs and databases.', skills: ['TypeScript', 'GraphQL', 'PostgreSQL', 'Kafka'], openToWork: true, remote: 'REMOTE', yearsOfExperience: 8 } },
      ada,
    );
    bar.increment({ step: 'applications' });
    const applicationIds: string[] = [];
    for (const jobId of jobIds.slice(0, 3)) {
      const result = await client.request<{ createApplication: { application: { id: string } | null } }>('mutation ($i: CreateApplicationInput!) { createApplication(input: $i) { application { id } errors { code } } }', { i: { jobId } }, ada);
      applicationIds.push(result.createApplication.application?.id ?? '');
    }
    await client.request('mutation ($i: CreateApplicationInput!) { createApplication(input: $i) { errors { code } } }', { i: { manualJob: { title: 'Platform Engineer', companyName: 'Initech', url: 'https://initech.example/jobs/1' } } }, ada);
    bar.increment({ step: 'pipeline moves' });
    const stages = await client.request<{ viewer: { applicationStages: { id: string; kind: string }[] } }>('{ viewer { applicationStages { id kind } } }', {}, ada);
    const interview = stages.viewer.applicationStages.find((stage) => stage.kind === 'INTERVIEW');
    if (interview && applicationIds[0]) {
      await client.request('mutation ($i: MoveApplicationInput!) { moveApplication(input: $i) { errors { code } } }', { i: { applicationId: applicationIds[0], stageId: interview.id, note: 'Recruiter call booked' } }, ada);
    }
  } finally {
    bar.stop();
  }
  return { accounts, created: true };
}
