/**
 * `pnpm bench:dashboard [users] [requests]`: seeds `users` candidates (1,000 by default)
 * with 200 applications each (half to catalog listings, half entered by hand), 10 tasks
 * and 5 upcoming events, by bulk insert with a progress bar; then asks the candidate's
 * dashboard through the gateway (viewer → applicationBoard, applications(first: N) → job
 * → company, next tasks, upcoming events) `requests` times (300 by default) for page
 * sizes 10 and 100, and prints p50/p95/p99, the ratio to a baseline (`{ viewer { id } }`
 * through the same gateway, same run), and the SQL statements each subgraph ran per
 * request (counted by a Kysely hook on every subgraph's pool).
 */
import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { createKysely, provisionDomains, startEmbeddedPostgres, type Domain } from '@jobgraph/db';
import { createLogger } from '@jobgraph/kit';
import { migrateAll } from '../src/migrate-all.ts';
import { startStack } from '../src/stack.ts';

const userCount = Number(process.argv[2] ?? 1000);
const requests = Number(process.argv[3] ?? 300);
const perUser = 200;
const listingCount = 100;
const signedIn = 20;

const dashboard = /* GraphQL */ `
  query Dashboard($first: Int!) {
    viewer {
      id
      applicationBoard(perStage: 5) { totalCount columns { count stage { id name kind } applications { edges { node { id } } } } }
      applications(first: $first) { edges { node { id stage { name kind } manualJob { title companyName } job { id title company { id name } } } } pageInfo { hasNextPage endCursor } }
      tasks(first: 10) { edges { node { id title kind dueAt application { id } } } }
      calendarEvents(first: 10) { edges { node { id title kind startsAt application { id } } } }
    }
  }
`;

interface Answer<T> {
  readonly data?: T;
  readonly errors?: readonly { readonly message: string }[];
}

async function graphql<T>(url: string, query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query, variables }) });
  const answer = (await response.json()) as Answer<T>;
  if (answer.errors?.length || !answer.data) throw new Error(`request failed: ${JSON.stringify(answer.errors ?? answer)}`);
  return answer.data;
}

/** Signs up, retrying (with a fresh address) when identity is too busy hashing to answer in time on a loaded machine. */
async function signUp(url: string, name: string, role: 'CANDIDATE' | 'EMPLOYER'): Promise<{ id: string; token: string }> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await signUpOnce(url, name, role);
    } catch (error) {
      if (attempt >= 5 || !String(error).includes('SUBGRAPH_UNAVAILABLE')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
    }
  }
}

async function signUpOnce(url: string, name: string, role: 'CANDIDATE' | 'EMPLOYER'): Promise<{ id: string; token: string }> {
  const data = await graphql<{ signUp: { user: { id: string } | null; tokens: { accessToken: string } | null } }>(
    url,
    'mutation ($input: SignUpInput!) { signUp(input: $input) { user { id } tokens { accessToken } errors { code } } }',
    { input: { email: `${name}.${crypto.randomUUID().slice(0, 8)}@example.com`, password: 'a long and unusual passphrase', displayName: name, role } },
  );
  if (!data.signUp.user || !data.signUp.tokens) throw new Error(`sign-up of ${name} refused`);
  return { id: data.signUp.user.id, token: data.signUp.tokens.accessToken };
}

function progress(done: number, total: number): void {
  const width = 30;
  const filled = Math.round((done / total) * width);
  process.stderr.write(`\rseeding [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} users, ${(done * perUser).toLocaleString('en')} applications`);
  if (done === total) process.stderr.write('\n');
}

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

const dataParent = await mkdtemp(path.join(tmpdir(), 'jobgraph-bench-dashboard-'));
await chmod(dataParent, 0o755);
const postgres = process.env.DATABASE_URL ? null : await startEmbeddedPostgres({ dataDir: path.join(dataParent, 'data'), persistent: false });
const adminUrl = process.env.DATABASE_URL ?? postgres!.adminUrl;
const statements = new Map<Domain, number>();
let counting = false;
try {
  await provisionDomains(adminUrl);
  await migrateAll(adminUrl);
  const stack = await startStack({
    databaseAdminUrl: adminUrl,
    logger: createLogger('bench', 'silent'),
    ports: 'random',
    onQuery: (domain) => {
      if (counting) statements.set(domain, (statements.get(domain) ?? 0) + 1);
    },
  });
  const admin = createKysely<unknown>({ url: adminUrl, maxConnections: 2 });
  try {
    const url = stack.gatewayUrl;
    console.log(`dashboard bench: ${userCount} users × ${perUser} applications, ${requests} requests per page size`);
    // Catalog listings the applications point at, made the way an employer makes them.
    // (a plan opens 5 listings at once: 20 employers with 5 each)
    const listings: string[] = [];
    // One sign-up at a time: password hashing is meant to be slow.
    for (let e = 0; e < listingCount / 5; e += 1) {
      {
        const employer = await signUp(url, `bench-employer-${e}`, 'EMPLOYER');
        const company = await graphql<{ createCompany: { company: { id: string } } }>(url, 'mutation ($input: CreateCompanyInput!) { createCompany(input: $input) { company { id } } }', { input: { name: `Bench Works ${e}` } }, employer.token);
        for (let n = 1; n <= 5; n += 1) {
          const made = await graphql<{ createJobListing: { jobListing: { id: string } | null } }>(
            url,
            'mutation ($input: CreateJobListingInput!) { createJobListing(input: $input) { jobListing { id } errors { code message } } }',
            { input: { companyId: company.createCompany.company.id, title: `Engineer ${e}.${n}`, description: 'Build things.', employmentType: 'FULL_TIME', remoteType: 'REMOTE', tags: ['bench'], publish: true } },
            employer.token,
          );
          if (!made.createJobListing.jobListing) throw new Error(`listing refused: ${JSON.stringify(made.createJobListing)}`);
          listings.push(made.createJobListing.jobListing.id);
        }
      }
    }
    const candidates: { id: string; token: string }[] = [];
    for (let i = 0; i < signedIn; i += 1) candidates.push(await signUp(url, `bench-candidate-${i}`, 'CANDIDATE'));
    const userIds = [...candidates.map((c) => c.id), ...Array.from({ length: Math.max(0, userCount - signedIn) }, () => crypto.randomUUID())];

    const batch = 25;
    progress(0, userIds.length);
    for (let start = 0; start < userIds.length; start += batch) {
      const ids = userIds.slice(start, start + batch);
      await sql`delete from pipeline.application_stages s where s.user_id = any(${ids}::uuid[]) and not exists (select 1 from pipeline.applications a where a.stage_id = s.id)`.execute(admin);
      await sql`
        insert into pipeline.application_stages (user_id, name, position, kind)
        select u, s.name, s.position, s.kind from unnest(${ids}::uuid[]) as u
        cross join (values ('Applied', 1, 'applied'), ('Screening', 2, 'screening'), ('Interview', 3, 'interview'), ('Offer', 4, 'offer'), ('Hired', 5, 'hired'), ('Rejected', 6, 'rejected'), ('Withdrawn', 7, 'withdrawn')) as s(name, position, kind)`.execute(admin);
      await sql`
        insert into pipeline.applications (user_id, stage_id, job_listing_id, manual_title, manual_company_name, applied_at, created_at, updated_at)
        select u, st.id,
          case when n <= ${listingCount} then (${listings}::uuid[])[n] end,
          case when n > ${listingCount} then 'Job ' || n end,
          case when n > ${listingCount} then 'Company ' || (n % 40) end,
          now() - make_interval(hours => n), now() - make_interval(hours => n), now() - make_interval(hours => n)
        from unnest(${ids}::uuid[]) as u cross join generate_series(1, ${perUser}) as n
        join pipeline.application_stages st on st.user_id = u and st.position = 1 + (n % 7)`.execute(admin);
      await sql`
        insert into pipeline.tasks (user_id, application_id, kind, title, due_at, origin)
        select a.user_id, a.id, 'application_follow_up', 'Follow up on your application', now() + make_interval(days => (row_number() over (partition by a.user_id order by a.id))::int), 'system'
        from (select distinct on (user_id, manual_title) user_id, id, manual_title from pipeline.applications where user_id = any(${ids}::uuid[]) and manual_title in ('Job 101', 'Job 102', 'Job 103', 'Job 104', 'Job 105', 'Job 106', 'Job 107', 'Job 108', 'Job 109', 'Job 110')) as a`.execute(admin);
      await sql`
        insert into pipeline.calendar_events (application_id, user_id, kind, title, starts_at, ends_at)
        select a.id, a.user_id, 'interview', 'Interview ' || a.manual_title, now() + make_interval(days => 1 + (row_number() over (partition by a.user_id order by a.id))::int), now() + make_interval(days => 1 + (row_number() over (partition by a.user_id order by a.id))::int, hours => 1)
        from (select user_id, id, manual_title from pipeline.applications where user_id = any(${ids}::uuid[]) and manual_title in ('Job 111', 'Job 112', 'Job 113', 'Job 114', 'Job 115')) as a`.execute(admin);
      progress(Math.min(start + batch, userIds.length), userIds.length);
    }
    await sql`analyze`.execute(admin);

    async function measure(label: string, query: string, variables: Record<string, unknown>): Promise<number[]> {
      for (let i = 0; i < 20; i += 1) await graphql(url, query, variables, candidates[i % signedIn]!.token);
      statements.clear();
      counting = true;
      const times: number[] = [];
      for (let i = 0; i < requests; i += 1) {
        const started = performance.now();
        await graphql(url, query, variables, candidates[i % signedIn]!.token);
        times.push(performance.now() - started);
      }
      counting = false;
      times.sort((a, b) => a - b);
      const perRequest = [...statements.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([domain, n]) => `${domain} ${(n / requests).toFixed(1)}`);
      console.log(`${label.padEnd(28)} p50 ${percentile(times, 50).toFixed(1)} ms  p95 ${percentile(times, 95).toFixed(1)} ms  p99 ${percentile(times, 99).toFixed(1)} ms  | SQL statements per request: ${perRequest.join(', ') || 'none'}`);
      return times;
    }

    const baseline = await measure('baseline { viewer { id } }', '{ viewer { id } }', {});
    for (const first of [10, 100]) {
      const times = await measure(`dashboard, page size ${first}`, dashboard, { first });
      console.log(`${''.padEnd(28)} p95 / baseline p95: ${(percentile(times, 95) / percentile(baseline, 95)).toFixed(2)}x`);
    }
  } finally {
    await admin.destroy();
    await stack.stop();
  }
} finally {
  await postgres?.stop();
}
