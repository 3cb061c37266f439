/**
 * `pnpm bench:dashboard [users] [requests]`: seeds `users` candidates (1,000 by default)
 * with 200 applications each (half to catalog listings, half entered by hand), 10 tasks
 * and 5 upcoming events, by bulk insert with a progress bar; then asks the candidate's
 * dashboard through the gateway (viewer → applicationBoard, applications(first: N) → job
 * → company, next tasks, upcoming events) `requests` times (300 by default) for page
 * sizes 10 and 100, and prints p50/p95/p99, the ratio to a baseline (`{ viewer { id } }`
 * through the same gateway, same run), the SQL statements each subgraph ran per request
 * and their time (a Kysely hook on every subgraph's pool), the gateway's calls to each
 * subgraph per request and the time they took (its Prometheus histogram), and the
 * answer's size; then the same for one candidate whose board holds 10,000 applications,
 * that candidate's `pipelineStats` (the month's recompute, and its read), and EXPLAIN
 * (ANALYZE, BUFFERS) of every statement pipeline ran for one dashboard of each.
 * The seeded tables are vacuumed and analyzed, as autovacuum would have left them.
 *
 * Two shapes of the same code over the same database, measured one after the other
 * (BENCH_SHAPES=deployed,one-process, the default; either alone):
 *   deployed     as production runs it (infra/docker/Dockerfile): the gateway's own entry
 *                point as the image runs it (the bundle gateway/dist/main.js, its node flags) and each subgraph in a process
 *                of its own (scripts/bench/dashboard/subgraph-process.ts: what each main.ts
 *                runs, events off, statements counted), NODE_ENV=production as the images
 *                set it (BENCH_NODE_ENV overrides), the production log level; the bench
 *                prints each process's CPU ms per request (/proc). Subgraphs run with node's
 *                default flags, as deployed (BENCH_SUBGRAPH_NODE_FLAGS tries others).
 *   one process  the stack `startStack` starts for tests: gateway, five subgraphs and this
 *                client on one event loop, NODE_ENV unset, logs silent (what this bench
 *                measured before); the bench prints this process's CPU ms per request.
 * Every answer is checked: the first answer a caller gets to a query must be what the seed
 * makes it (board counts, a full page of applications each with its stage, listing and
 * company, 10 tasks and 5 events with their applications), and every later answer, in
 * either shape, identical to it.
 *
 * BENCH_PAGE_SIZES=100 measures that page size alone (10,100 by default).
 * BENCH_EXPLAIN=full prints the plans; BENCH_CPU_PROFILE=<part of "<shape> <label>">
 * profiles that measurement's CPU (each subgraph process when deployed, this process
 * otherwise), BENCH_CPU_FUNCTIONS=<n> adds the n hottest functions, BENCH_CPU_PROFILE_DIR=<dir> keeps
 * each profile there (`<shape>-<process>.cpuprofile`, for Chrome DevTools).
 *
 * Both gateways have production settings except two (the deployed one through its
 * RATE_LIMIT_* and COST_* variables):
 * the per-caller cost budget (production: 20,000 points refilled at 200/s) and the
 * per-IP and per-caller request rates (production: 3,000 and 1,200 a minute) are raised
 * for its callers, so a fast machine asking the dashboard back to back is never refused
 * RATE_LIMITED. Each operation is still priced and drawn from its caller's budget, and the
 * production ceiling on one operation's cost (5,000) stays: the dashboard must fit it.
 */
import { writeFileSync } from 'node:fs';
import { chmod, mkdtemp } from 'node:fs/promises';
import type { Profiler } from 'node:inspector';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { CompiledQuery, sql, type Kysely } from 'kysely';
import { createKysely, domainRolePassword, domainUrl, provisionDomains, startEmbeddedPostgres, statementHint, type Domain } from '@jobgraph/db';
import type { Database as PipelineDatabase } from '@jobgraph/pipeline/db/types';
import { recomputeStatSnapshot } from '@jobgraph/pipeline/db/stats';
import { periodStart } from '@jobgraph/pipeline/domain/pipeline-stats';
import { createLogger } from '@jobgraph/kit';
import { migrateAll } from '../src/migrate-all.ts';
import { startStack } from '../src/stack.ts';
import { unthrottled } from './unthrottled.ts';
import { startDeployedStack, type DeployedStack } from './dashboard/deployed.ts';
import { startProfile, summarizeProfile } from './dashboard/profile.ts';

const userCount = Number(process.argv[2] ?? 1000);
const defaultRequests = Number(process.argv[3] ?? 300);
const perUser = 200;
const listingCount = 100;
const signedIn = 20;
const crowdedCount = 10_000;

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

/** Like `graphql`, answering the response body (checked by the caller). */
async function graphqlText(url: string, query: string, variables: Record<string, unknown>, token: string): Promise<string> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
  return response.text();
}

interface DashboardAnswer {
  readonly viewer: {
    readonly applicationBoard: { readonly totalCount: number; readonly columns: readonly { readonly count: number; readonly applications: { readonly edges: readonly unknown[] } }[] };
    readonly applications: { readonly edges: readonly { readonly node: { readonly stage: { readonly name: string } | null; readonly manualJob: { readonly title: string } | null; readonly job: { readonly id: string; readonly title: string; readonly company: { readonly name: string } | null } | null } }[] };
    readonly tasks: { readonly edges: readonly { readonly node: { readonly application: { readonly id: string } | null } }[] };
    readonly calendarEvents: { readonly edges: readonly { readonly node: { readonly application: { readonly id: string } | null } }[] };
  };
}

/**
 * What the seed makes a dashboard answer: the board's total and column counts, a full
 * page of the newest applications (all to catalog listings, each with its title and its
 * company's name from catalog, and its stage), 10 tasks and 5 events with their
 * applications. Throws on anything else.
 */
function checkDashboard(text: string, first: number, applications: number): void {
  const answer = JSON.parse(text) as Answer<DashboardAnswer>;
  if (answer.errors?.length || !answer.data) throw new Error(`dashboard failed: ${text.slice(0, 500)}`);
  const { applicationBoard: board, applications: page, tasks, calendarEvents } = answer.data.viewer;
  const problems = [
    board.totalCount === applications ? null : `board total ${board.totalCount}, not ${applications}`,
    board.columns.length === 7 && board.columns.reduce((sum, column) => sum + column.count, 0) === applications ? null : 'board columns do not add up',
    board.columns.every((column) => column.applications.edges.length === Math.min(5, column.count)) ? null : 'a board column is not its 5 newest',
    page.edges.length === Math.min(first, applications) ? null : `${page.edges.length} applications, not ${first}`,
    page.edges.every(({ node }) => node.stage !== null && node.manualJob === null && node.job !== null && /^Engineer /.test(node.job.title) && /^Bench Works /.test(node.job.company?.name ?? '')) ? null : 'an application lacks its stage, listing or company',
    tasks.edges.length === 10 && tasks.edges.every(({ node }) => node.application !== null) ? null : 'not 10 tasks with their applications',
    calendarEvents.edges.length === 5 && calendarEvents.edges.every(({ node }) => node.application !== null) ? null : 'not 5 events with their applications',
  ].filter(Boolean);
  if (problems.length > 0) throw new Error(`wrong dashboard (page size ${first}): ${problems.join('; ')}`);
}

/** The gateway's subgraph calls so far (Prometheus histogram `gateway_subgraph_fetch_duration_seconds`), per subgraph. */
async function subgraphFetches(metricsUrl: string): Promise<Map<string, { count: number; seconds: number }>> {
  const text = await (await fetch(metricsUrl)).text();
  const fetches = new Map<string, { count: number; seconds: number }>();
  for (const match of text.matchAll(/^gateway_subgraph_fetch_duration_seconds_(sum|count)\{subgraph="([^"]+)",outcome="ok"\} ([0-9.e+-]+)$/gm)) {
    const [, which, subgraph, value] = match as unknown as [string, 'sum' | 'count', string, string];
    const seen = fetches.get(subgraph) ?? { count: 0, seconds: 0 };
    fetches.set(subgraph, which === 'sum' ? { ...seen, seconds: Number(value) } : { ...seen, count: Number(value) });
  }
  return fetches;
}

/**
 * EXPLAIN (ANALYZE, BUFFERS) of one statement as pipeline's role sees it (its schema first on the search path), in a transaction rolled back.
 * `generic`: the plan Postgres keeps for a prepared statement once it stops planning it for its values (plan_cache_mode = force_generic_plan).
 */
async function explain(admin: Kysely<unknown>, statement: string, parameters: readonly unknown[], generic = false): Promise<string[]> {
  return admin.connection().execute(async (connection) => {
    await connection.executeQuery(CompiledQuery.raw('begin'));
    try {
      await connection.executeQuery(CompiledQuery.raw('set local search_path to pipeline, extensions'));
      if (generic) {
        await connection.executeQuery(CompiledQuery.raw('set local plan_cache_mode = force_generic_plan'));
        await connection.executeQuery(CompiledQuery.raw(`prepare bench_generic as ${statement}`));
        const values = parameters.map((value) => (value === null ? 'null' : `'${(Array.isArray(value) ? `{${value.join(',')}}` : value instanceof Date ? value.toISOString() : String(value)).replaceAll("'", "''")}'`));
        try {
          const result = await connection.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain (analyze, buffers) execute bench_generic(${values.join(', ')})`));
          return result.rows.map((row) => row['QUERY PLAN']);
        } finally {
          await connection.executeQuery(CompiledQuery.raw('deallocate bench_generic')); // a prepared statement outlives the rollback
        }
      }
      const result = await connection.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain (analyze, buffers) ${statement}`, [...parameters]));
      return result.rows.map((row) => row['QUERY PLAN']);
    } finally {
      await connection.executeQuery(CompiledQuery.raw('rollback'));
    }
  });
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
const statements = new Map<Domain, { count: number; ms: number }>();
let counting = false;
/** While set, the SQL pipeline runs is kept here (to EXPLAIN it). */
let captured: { sql: string; parameters: readonly unknown[] }[] | null = null;
/** Which stacks to measure: `deployed` (a process each, as production runs them) and `one-process` (this process's stack). */
const shapes = (process.env.BENCH_SHAPES ?? 'deployed,one-process').split(',');
/** Node flags of the deployed subgraphs (their production ones unless BENCH_SUBGRAPH_NODE_FLAGS says otherwise, '' for none). */
const subgraphFlags = process.env.BENCH_SUBGRAPH_NODE_FLAGS !== undefined ? process.env.BENCH_SUBGRAPH_NODE_FLAGS.split(' ').filter(Boolean) : [];
/** NODE_ENV of the deployed processes: `production`, as the images set it (infra/docker/Dockerfile), unless BENCH_NODE_ENV says otherwise. */
const deployedNodeEnv = process.env.BENCH_NODE_ENV ?? 'production';
/** Page sizes measured: 10 and 100 unless BENCH_PAGE_SIZES names others (e.g. `100` alone, for a shorter run while profiling). */
const pageSizes = (process.env.BENCH_PAGE_SIZES ?? '10,100').split(',').map(Number);
let deployed: DeployedStack | null = null;
try {
  await provisionDomains(adminUrl);
  await migrateAll(adminUrl);
  const stack = await startStack({
    databaseAdminUrl: adminUrl,
    logger: createLogger('bench', 'silent'),
    ports: 'random',
    onQuery: (domain, event) => {
      if (captured && domain === 'pipeline') captured.push({ sql: event.query.sql, parameters: event.query.parameters });
      if (!counting) return;
      const seen = statements.get(domain) ?? { count: 0, ms: 0 };
      statements.set(domain, { count: seen.count + 1, ms: seen.ms + event.queryDurationMillis });
    },
  });
  // Production settings but the budget and request rates (see the header); its Prometheus metrics time each subgraph call.
  const gateway = await stack.startGateway({ ...unthrottled, metricsPort: 0 });
  const admin = createKysely<unknown>({ url: adminUrl, maxConnections: 2 });
  try {
    const url = gateway.url;
    const metricsUrl = gateway.metricsUrl!;
    console.log(`dashboard bench: ${userCount} users × ${perUser} applications, ${defaultRequests} requests per page size`);
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

    // One more candidate whose board holds 10,000 applications (the issue's hostile case).
    const crowded = await signUp(url, 'bench-candidate-crowded', 'CANDIDATE');

    /** Default stages, `count` applications (newest first: half to listings, the rest by hand), 10 follow-up tasks and 5 interviews per user. */
    async function seedUsers(ids: readonly string[], count: number): Promise<void> {
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
        from unnest(${ids}::uuid[]) as u cross join generate_series(1, ${count}) as n
        join pipeline.application_stages st on st.user_id = u and st.position = 1 + (n % 7)`.execute(admin);
      await sql`
        insert into pipeline.tasks (user_id, application_id, kind, title, due_at, origin)
        select a.user_id, a.id, 'application_follow_up', 'Follow up on your application', now() + make_interval(days => (row_number() over (partition by a.user_id order by a.id))::int), 'system'
        from (select distinct on (user_id, manual_title) user_id, id, manual_title from pipeline.applications where user_id = any(${ids}::uuid[]) and manual_title in ('Job 101', 'Job 102', 'Job 103', 'Job 104', 'Job 105', 'Job 106', 'Job 107', 'Job 108', 'Job 109', 'Job 110')) as a`.execute(admin);
      await sql`
        insert into pipeline.calendar_events (application_id, user_id, kind, title, starts_at, ends_at)
        select a.id, a.user_id, 'interview', 'Interview ' || a.manual_title, now() + make_interval(days => 1 + (row_number() over (partition by a.user_id order by a.id))::int), now() + make_interval(days => 1 + (row_number() over (partition by a.user_id order by a.id))::int, hours => 1)
        from (select user_id, id, manual_title from pipeline.applications where user_id = any(${ids}::uuid[]) and manual_title in ('Job 111', 'Job 112', 'Job 113', 'Job 114', 'Job 115')) as a`.execute(admin);
    }

    const batch = 25;
    progress(0, userIds.length);
    for (let start = 0; start < userIds.length; start += batch) {
      await seedUsers(userIds.slice(start, start + batch), perUser);
      progress(Math.min(start + batch, userIds.length), userIds.length);
    }
    await seedUsers([crowded.id], crowdedCount);
    // What autovacuum does to a table in steady state: statistics, and the visibility map that lets counts read an index alone.
    await sql`vacuum analyze`.execute(admin);

    /** Where the bench asks: the gateway of this process's stack, or the stack as deployed (a process each). */
    interface Target {
      readonly name: string;
      readonly url: string;
      readonly metricsUrl: string;
      statements(): Promise<Map<Domain, { count: number; ms: number }>>;
      cpuMs(): Map<string, number> | null;
      /** CPU profiles of the measurement, one per process profiled. */
      profile(): Promise<{ stop(): Promise<Map<string, Profiler.Profile>> }>;
    }
    const targets: Target[] = [];
    if (shapes.includes('deployed')) {
      deployed = await startDeployedStack(adminUrl, subgraphFlags, deployedNodeEnv);
      const stack = deployed;
      targets.push({ name: 'deployed', url: stack.url, metricsUrl: stack.metricsUrl, statements: () => stack.statements(), cpuMs: () => stack.cpuMs(), profile: () => stack.profile() });
    }
    if (shapes.includes('one-process')) {
      targets.push({
        name: 'one process',
        url,
        metricsUrl,
        async statements() {
          const seen = new Map(statements);
          statements.clear();
          return seen;
        },
        cpuMs: () => {
          const used = process.cpuUsage();
          return new Map([['this process (gateway, subgraphs and client)', (used.user + used.system) / 1000]]);
        },
        async profile() {
          const started = await startProfile();
          return { stop: async () => new Map([['gateway and subgraphs (this process)', await started.stop()]]) };
        },
      });
    }
    console.log(`shapes: ${targets.map((target) => target.name).join(', ')}${shapes.includes('deployed') ? `; deployed with NODE_ENV=${deployedNodeEnv}, subgraph node flags: ${subgraphFlags.join(' ') || '(none)'}` : ''}`);

    /** The first answer each caller got to each query, in any shape: every later answer must equal it. */
    const firstAnswers = new Map<string, string>();

    async function measure(target: Target, label: string, query: string, variables: Record<string, unknown>, check: ((text: string) => void) | null, callers = candidates, requests = defaultRequests): Promise<number[]> {
      const same = (caller: { token: string }, body: string) => {
        // Compared without `extensions`: the cost budget left (`extensions.cost.budgetRemaining`) moves between requests.
        const { extensions: _left, ...answer } = JSON.parse(body) as Record<string, unknown>;
        const text = JSON.stringify(answer);
        const key = `${caller.token} ${query} ${JSON.stringify(variables)}`;
        const first = firstAnswers.get(key);
        if (first === undefined) {
          check?.(text);
          firstAnswers.set(key, text);
        } else if (first !== text) {
          let at = 0;
          while (at < first.length && first[at] === text[at]) at += 1;
          const around = (answer: string) => answer.slice(Math.max(0, at - 200), at + 200);
          throw new Error(`${label} (${target.name}): an answer differs from the first one to the same caller at character ${at}:\n  first: …${around(first)}…\n  now:   …${around(text)}…`);
        }
      };
      for (let i = 0; i < 20; i += 1) {
        const caller = callers[i % callers.length]!;
        same(caller, await graphqlText(target.url, query, variables, caller.token));
      }
      await target.statements();
      counting = true;
      const fetchesBefore = await subgraphFetches(target.metricsUrl);
      const cpuBefore = target.cpuMs();
      const profiling = process.env.BENCH_CPU_PROFILE && `${target.name} ${label}`.includes(process.env.BENCH_CPU_PROFILE) ? await target.profile() : null;
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < requests; i += 1) {
        const caller = callers[i % callers.length]!;
        const started = performance.now();
        const text = await graphqlText(target.url, query, variables, caller.token);
        times.push(performance.now() - started);
        bytes += Buffer.byteLength(text);
        same(caller, text);
      }
      if (profiling) {
        for (const [name, profile] of await profiling.stop()) {
          console.log(summarizeProfile(`${label} (${target.name}), ${name}`, profile, requests));
          if (process.env.BENCH_CPU_PROFILE_DIR) writeFileSync(path.join(process.env.BENCH_CPU_PROFILE_DIR, `${target.name}-${name}.cpuprofile`.replace(/[^A-Za-z0-9.-]+/g, '-')), JSON.stringify(profile));
        }
      }
      const cpuAfter = target.cpuMs();
      const fetchesAfter = await subgraphFetches(target.metricsUrl);
      counting = false;
      const ran = await target.statements();
      times.sort((a, b) => a - b);
      const perRequest = [...ran.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([domain, { count, ms }]) => `${domain} ${(count / requests).toFixed(1)} (${(ms / requests).toFixed(2)} ms)`);
      const calls = [...fetchesAfter.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([subgraph, after]) => {
          const before = fetchesBefore.get(subgraph) ?? { count: 0, seconds: 0 };
          return { subgraph, count: after.count - before.count, ms: (after.seconds - before.seconds) * 1000 };
        })
        .filter((call) => call.count > 0)
        .map(({ subgraph, count, ms }) => `${subgraph} ${(count / requests).toFixed(1)} × ${(ms / count).toFixed(2)} ms`);
      const cpu = cpuBefore && cpuAfter ? [...cpuAfter.entries()].map(([name, ms]) => ({ name, ms: (ms - (cpuBefore.get(name) ?? 0)) / requests })).filter(({ ms }) => ms > 0).map(({ name, ms }) => `${name} ${ms.toFixed(2)}`) : [];
      console.log(`${`${label} (${target.name})`.padEnd(40)} p50 ${percentile(times, 50).toFixed(1)} ms  p95 ${percentile(times, 95).toFixed(1)} ms  p99 ${percentile(times, 99).toFixed(1)} ms  (load ${loadavg()[0]!.toFixed(2)})`);
      console.log(`${''.padEnd(40)} SQL statements per request (their time): ${perRequest.join(', ') || 'none'}`);
      console.log(`${''.padEnd(40)} subgraph calls per request × mean time: ${calls.join(', ') || 'none'}; answer ${(bytes / requests / 1024).toFixed(1)} kB`);
      if (cpu.length > 0) console.log(`${''.padEnd(40)} CPU ms per request by process: ${cpu.join(', ')}`);
      return times;
    }

    const verdicts: string[] = [];
    for (const target of targets) {
      const baseline = await measure(target, 'baseline { viewer { id } }', '{ viewer { id } }', {}, null);
      const ratio = (times: number[]) => `${(percentile(times, 95) / percentile(baseline, 95)).toFixed(2)}x`;
      for (const first of pageSizes) {
        const times = await measure(target, `dashboard, page size ${first}`, dashboard, { first }, (text) => checkDashboard(text, first, perUser));
        console.log(`${''.padEnd(40)} p95 / baseline p95: ${ratio(times)}`);
        verdicts.push(`${target.name.padEnd(12)} page size ${String(first).padEnd(4)} p95 ${percentile(times, 95).toFixed(1)} ms (${ratio(times)} its baseline ${percentile(baseline, 95).toFixed(1)} ms)`);
      }
      const crowdedTimes = await measure(target, `10,000 applications, 100`, dashboard, { first: 100 }, (text) => checkDashboard(text, 100, crowdedCount), [crowded], Math.max(20, Math.round(defaultRequests / 5)));
      console.log(`${''.padEnd(40)} p95 / baseline p95: ${ratio(crowdedTimes)}`);
    }
    // viewer.pipelineStats for the candidate with 10,000 applications: recomputing the month's
    // snapshot (what every pipeline event of theirs costs; the bulk-inserted applications sent
    // none), then reading it through the gateway.
    {
      const pipelineDb = createKysely<PipelineDatabase>({ url: domainUrl(adminUrl, 'pipeline', domainRolePassword('pipeline')), maxConnections: 1 });
      try {
        const month = periodStart('month', new Date());
        const recomputes: number[] = [];
        for (let i = 0; i < 10; i += 1) {
          const started = performance.now();
          await pipelineDb.transaction().execute((trx) => recomputeStatSnapshot(trx, crowded.id, 'month', month));
          recomputes.push(performance.now() - started);
        }
        recomputes.sort((a, b) => a - b);
        console.log(`pipelineStats, 10,000 applications: recomputing this month's snapshot p50 ${percentile(recomputes, 50).toFixed(1)} ms, max ${recomputes.at(-1)!.toFixed(1)} ms (10 runs)`);
        const statsQuery = '{ viewer { pipelineStats(period: MONTH) { periodStart computedAt total { applications activeApplications responseRate } bySource { source applications } } } }';
        for (const target of targets) {
          await measure(target, 'pipelineStats(MONTH), 10,000', statsQuery, {}, (text) => {
            const total = (JSON.parse(text) as Answer<{ viewer: { pipelineStats: { total: { applications: number } } } }>).data?.viewer.pipelineStats.total.applications ?? 0;
            if (total === 0) throw new Error(`pipelineStats counted no applications this month: ${text.slice(0, 300)}`);
          }, [crowded], Math.max(20, Math.round(defaultRequests / 5)));
        }
      } finally {
        await pipelineDb.destroy();
      }
    }
    if (verdicts.length > 0) console.log(['p95 against the target (50 ms), each shape against its own baseline:', ...verdicts.map((line) => `  ${line}`)].join('\n'));

    // EXPLAIN (ANALYZE, BUFFERS) of the statements pipeline ran for one dashboard (page size 100), for a user with 200 applications and the one with 10,000.
    for (const [label, caller] of [['200 applications', candidates[0]!], ['10,000 applications', crowded]] as const) {
      captured = [];
      await graphql(url, dashboard, { first: 100 }, caller.token);
      const pipelineStatements = captured;
      captured = null;
      console.log(`pipeline's statements for one dashboard of ${label} (page size 100), EXPLAIN ANALYZE:`);
      for (const statement of pipelineStatements) {
        const plan = await explain(admin, statement.sql, statement.parameters);
        const execution = /Execution Time: ([0-9.]+) ms/.exec(plan.join('\n'))?.[1] ?? '?';
        const planning = /Planning Time: ([0-9.]+) ms/.exec(plan.join('\n'))?.[1] ?? '?';
        const buffers = plan.find((line) => line.trim().startsWith('Buffers:'))?.trim() ?? '';
        console.log(`  ${execution.padStart(8)} ms (planning ${planning.padStart(6)} ms)  ${buffers.padEnd(36)} ${statement.sql.replace(/\s+/g, ' ').slice(0, 110)}`);
        if (process.env.BENCH_EXPLAIN === 'full') console.log(plan.map((line) => `      ${line}`).join('\n'));
        if (statement.sql.startsWith(statementHint('prepared'))) {
          // A prepared statement: the generic plan Postgres may keep after five runs, timed the same way.
          const generic = await explain(admin, statement.sql, statement.parameters, true);
          const genericExecution = /Execution Time: ([0-9.]+) ms/.exec(generic.join('\n'))?.[1] ?? '?';
          const genericBuffers = generic.find((line) => line.trim().startsWith('Buffers:'))?.trim() ?? '';
          console.log(`  ${genericExecution.padStart(8)} ms (generic plan)      ${genericBuffers.padEnd(36)} top: ${generic[0]?.trim().slice(0, 90)}`);
          if (process.env.BENCH_EXPLAIN === 'full') console.log(generic.map((line) => `      ${line}`).join('\n'));
        }
      }
    }
  } finally {
    await admin.destroy();
    await deployed?.stop();
    await stack.stop();
  }
} finally {
  await postgres?.stop();
}
