/**
 * `pnpm bench:fit [N]` (N listings, default 100,000):
 * 1. fit scores per second on one core: `computeFit` over N listings, against a baseline
 *    measured in the same run (only turning the same rows into fit inputs);
 * 2. the time to recompute a user's N fit scores after a profile change (the assistant's
 *    own event handler, in-process events);
 * 3. p50/p95/p99 of `viewer { jobMatches(first: 20) }` through the gateway with N open
 *    listings, against `viewer { id }` through the same gateway as baseline. Target: p95 < 100 ms.
 * The listing projection is loaded in bulk with SQL, as N catalog events would leave it.
 *
 * The timed requests go through a second gateway over the same subgraphs whose per-address
 * and per-caller request limits and per-caller cost budget are raised (as
 * scripts/bench/gateway/workload.ts does for Jobgraph's rows): on a fast machine 400 back-to-back
 * requests of one user outrun the deployed budget (COST_BUDGET, refilled at
 * COST_REFILL_PER_SECOND) and would be refused RATE_LIMITED. Every request is still priced
 * and counted by the same edge plugins; only the ceilings differ.
 */
import { loadavg } from 'node:os';
import { sql, type Kysely } from 'kysely';
import { createKysely, domainRolePassword, domainUrl, type Domain } from '@jobgraph/db';
import { startTestCluster } from '@jobgraph/db/testing';
import { createInProcessTransport, createLogger } from '@jobgraph/kit';
import { computeFit } from '@jobgraph/assistant/domain/fit/fit-score';
import { fitListing, fitProfile, type ListingFitColumns } from '@jobgraph/assistant/domain/fit/fit-rows';
import { emptyCareerProfile } from '@jobgraph/assistant/domain/career-profile';
import { jobMatchesQuery } from '@jobgraph/assistant/domain/fit/job-matches';
import { recomputeFitForUser } from '@jobgraph/assistant/domain/fit/fit-store';
import type { Database } from '@jobgraph/assistant/db/types';
import { migrateAll } from '../src/migrate-all.ts';
import { startStack } from '../src/stack.ts';
import { dataOf, graphql } from '../test/e2e/graphql-client.ts';
import { unthrottled } from './unthrottled.ts';

const total = Number(process.argv[2] ?? 100_000);
const requests = 200;
const logger = createLogger('bench', 'error');
const skills = ['typescript', 'go', 'rust', 'python', 'java', 'kotlin', 'postgresql', 'kafka', 'kubernetes', 'react', 'graphql', 'aws', 'terraform', 'sql', 'spark', 'excel', 'figma', 'node.js', 'redis', 'docker'];
const titles = ['Backend Engineer', 'Frontend Developer', 'Data Engineer', 'Product Designer', 'Site Reliability Engineer', 'Data Analyst', 'Engineering Manager', 'Full-stack Developer'];
const levels = ['entry', 'mid', 'senior', 'lead', 'principal', null];
const remotes = ['remote', 'hybrid', 'onsite'];

/** A fixed pseudo-random sequence, so every run scores the same listings. */
function* mulberry32(seed: number): Generator<number> {
  let a = seed;
  for (;;) {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    yield ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}

function listings(count: number): ListingFitColumns[] {
  const random = mulberry32(42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random.next().value * items.length)] as T;
  return Array.from({ length: count }, (_, i) => {
    const min = 5_000_000 + Math.floor(random.next().value * 10_000_000);
    return {
      title: `${pick(['', 'Senior ', 'Lead ', 'Junior '])}${pick(titles)}`,
      tags: [...new Set([pick(skills), pick(skills), pick(skills), pick(skills)])],
      seniority: pick(levels),
      salary_min_cents: i % 3 === 0 ? null : min,
      salary_max_cents: i % 3 === 0 ? null : min + 3_000_000,
      salary_currency: i % 3 === 0 ? null : 'USD',
      location: pick(['Berlin', 'London', 'New York', 'Remote', null]),
      remote_type: pick(remotes),
      posted_at: new Date(Date.UTC(2026, 0, 1) + (i % 300) * 86_400_000),
      event_time: new Date(Date.UTC(2026, 0, 1)),
    };
  });
}

const profileRow = {
  ...emptyCareerProfile('00000000-0000-4000-8000-000000000001'),
  skills: ['TypeScript', 'PostgreSQL', 'Kafka', 'GraphQL', 'Kubernetes'],
  desired_titles: ['Backend Engineer'],
  years_of_experience: 7,
  desired_salary_min_cents: 9_000_000,
  desired_salary_currency: 'USD',
  preferred_locations: ['Berlin'],
};
const profileInput = {
  skills: profileRow.skills,
  desiredTitles: profileRow.desired_titles,
  yearsOfExperience: 7,
  desiredSalary: { amountCents: 9_000_000, currency: 'USD' },
  locations: ['Berlin'],
};

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const ms = (value: number) => `${value.toFixed(1)} ms`;
const load = () => `load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`;

/** EXPLAIN (ANALYZE, BUFFERS) of the statement a first page of matches runs, as the assistant's role runs it. */
async function explainFirstPage(db: Kysely<Database>, userId: string): Promise<string> {
  const compiled = jobMatchesQuery(db, userId, { limit: 20, after: null }).compile();
  const { rows: plan } = await sql.raw<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${compiled.sql.replace(/\$(\d+)/g, (_, n: string) => `'${String(compiled.parameters[Number(n) - 1])}'`)}`).execute(db);
  return plan.map((row) => `    ${row['QUERY PLAN']}`).join('\n');
}

// 1. Fit scores per second on one core.
const rows = listings(total);
const candidate = fitProfile(profileRow, []);
let started = performance.now();
let checksum = 0;
for (const row of rows) checksum += fitListing(row).skills.length;
const baselineSeconds = (performance.now() - started) / 1000;
started = performance.now();
for (const row of rows) checksum += computeFit(candidate, fitListing(row)).score;
const fitSeconds = (performance.now() - started) / 1000;
console.log(`fit scores: ${Math.round(total / fitSeconds).toLocaleString('en')} per second on one core over ${total.toLocaleString('en')} listings (baseline, inputs only: ${Math.round(total / baselineSeconds).toLocaleString('en')}/s; ratio ${(fitSeconds / baselineSeconds).toFixed(1)}×; checksum ${checksum}; ${load()})`);

// 2 and 3. The whole stack with N open listings.
const cluster = await startTestCluster((url) => migrateAll(url));
const databaseUrl = new URL(cluster.adminUrl);
databaseUrl.pathname = `/${cluster.templateDatabase}`;
const events = createInProcessTransport(logger);
const statements = new Map<Domain, number>();
let counting = false;
const stack = await startStack({
  databaseAdminUrl: databaseUrl.toString(),
  logger,
  ports: 'random',
  events,
  onQuery: (domain) => {
    if (counting) statements.set(domain, (statements.get(domain) ?? 0) + 1);
  },
});
try {
  const admin = createKysely<unknown>({ url: databaseUrl.toString(), maxConnections: 2 });
  const batch = 2000;
  for (let at = 0; at < rows.length; at += batch) {
    const values = rows.slice(at, at + batch).map((row) => ({
      listing_id: crypto.randomUUID(),
      company_id: '00000000-0000-4000-8000-0000000000c0',
      status: 'open',
      employment_type: 'full_time',
      ...row,
    }));
    await sql`insert into assistant.listing_features ${sql.raw('(listing_id, company_id, status, employment_type, title, tags, seniority, salary_min_cents, salary_max_cents, salary_currency, location, remote_type, posted_at, event_time)')}
      select * from jsonb_to_recordset(${JSON.stringify(values)}::jsonb) as t(listing_id uuid, company_id uuid, status text, employment_type text, title text, tags text[], seniority text, salary_min_cents bigint, salary_max_cents bigint, salary_currency text, location text, remote_type text, posted_at timestamptz, event_time timestamptz)`.execute(admin);
  }
  await sql`analyze assistant.listing_features`.execute(admin);

  const signUp = `mutation ($input: SignUpInput!) { signUp(input: $input) { user { id } tokens { accessToken } errors { code } } }`;
  const account = dataOf(await graphql<{ signUp: { user: { id: string }; tokens: { accessToken: string } } }>(stack.gatewayUrl, signUp, { input: { email: `bench.${Date.now()}@example.com`, password: 'a long and unusual passphrase', displayName: 'Bench', role: 'CANDIDATE' } }));
  const token = account.signUp.tokens.accessToken;
  const recomputeStarted = performance.now();
  dataOf(await graphql(stack.gatewayUrl, `mutation ($input: UpdateCareerProfileInput!) { updateCareerProfile(input: $input) { errors { code } } }`, { input: profileInput }, token));
  for (;;) {
    const { rows: counted } = await sql<{ n: number }>`select count(*)::int as n from assistant.fit_scores where user_id = ${account.signUp.user.id}::uuid`.execute(admin);
    if ((counted[0]?.n ?? 0) >= total) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  console.log(`recompute after a profile change: ${((performance.now() - recomputeStarted) / 1000).toFixed(1)} s for ${total.toLocaleString('en')} listings (${load()})`);
  await sql`vacuum analyze assistant.fit_scores`.execute(admin);
  const sqlLog = { statements: 0, ms: 0 };
  const assistantDb = createKysely<Database>({
    url: domainUrl(databaseUrl.toString(), 'assistant', domainRolePassword('assistant')),
    maxConnections: 1,
    onQuery: (event) => {
      sqlLog.statements += 1;
      sqlLog.ms += event.queryDurationMillis;
    },
  });
  // The handler's own work, called directly (no event delivery in the time): wall time, the
  // process's CPU, and the statements with their summed duration as the client saw them.
  const userId = account.signUp.user.id;
  const recompute = async (label: string) => {
    Object.assign(sqlLog, { statements: 0, ms: 0 });
    const cpu = process.cpuUsage();
    const wall = performance.now();
    const scored = await assistantDb.transaction().execute((trx) => recomputeFitForUser(trx, userId));
    const used = process.cpuUsage(cpu);
    console.log(`  ${label}: ${((performance.now() - wall) / 1000).toFixed(2)} s, ${scored.toLocaleString('en')} listings scored; node CPU ${((used.user + used.system) / 1000).toFixed(0)} ms; ${sqlLog.statements} statements, ${(sqlLog.ms / 1000).toFixed(2)} s in SQL`);
  };
  console.log(`recomputeFitForUser, called directly (${load()}):`);
  await sql`update career_profiles set headline = 'Builds reliable systems' where user_id = ${userId}::uuid`.execute(assistantDb);
  await recompute('a new headline (no fit input moves)');
  await sql`update career_profiles set years_of_experience = 8 where user_id = ${userId}::uuid`.execute(assistantDb);
  await recompute('years of experience 7 → 8 (every seniority explanation moves)');
  await sql`delete from fit_scores where user_id = ${userId}::uuid`.execute(assistantDb);
  await sql`delete from fit_profile_digests where user_id = ${userId}::uuid`.execute(assistantDb);
  await recompute('no stored scores (first computation)');
  await sql`vacuum analyze assistant.fit_scores`.execute(admin);
  await admin.destroy();
  // Once to bring the pages into the cache, then the plan printed: a warm first page, as users get it.
  await explainFirstPage(assistantDb, account.signUp.user.id);
  console.log(`EXPLAIN (ANALYZE, BUFFERS) of a first page of matches:\n${await explainFirstPage(assistantDb, account.signUp.user.id)}`);
  await assistantDb.destroy();

  const benchGateway = await stack.startGateway(unthrottled);
  const time = async (query: string): Promise<number[]> => {
    const latencies: number[] = [];
    for (let i = 0; i < requests; i++) {
      const t = performance.now();
      const response = await graphql(benchGateway.url, query, {}, token);
      if (response.errors) throw new Error(JSON.stringify(response.errors));
      latencies.push(performance.now() - t);
    }
    return latencies.sort((a, b) => a - b);
  };
  await time('{ viewer { id } }');
  const base = await time('{ viewer { id } }');
  const matchesQuery = '{ viewer { jobMatches(first: 20) { edges { node { recommended viewed listing { id } fit { score rationale factors { kind match } } } } pageInfo { hasNextPage endCursor } } } }';
  await time(matchesQuery);
  counting = true;
  const matches = await time(matchesQuery);
  counting = false;
  const perRequest = [...statements].map(([domain, n]) => `${domain} ${(n / requests).toFixed(1)}`).join(', ');
  console.log(`viewer.jobMatches(first: 20) through the gateway, ${total.toLocaleString('en')} open listings, ${requests} requests: p50 ${ms(percentile(matches, 50))}, p95 ${ms(percentile(matches, 95))}, p99 ${ms(percentile(matches, 99))} (target p95 < 100 ms; SQL statements per request: ${perRequest || 'none'}; ${load()})`);
  console.log(`baseline { viewer { id } }: p50 ${ms(percentile(base, 50))}, p95 ${ms(percentile(base, 95))}; jobMatches p95 / baseline p95 = ${(percentile(matches, 95) / percentile(base, 95)).toFixed(2)}×`);
} finally {
  await stack.stop();
  await events.close();
  await cluster.stop();
}
