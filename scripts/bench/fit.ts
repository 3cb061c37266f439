/**
 * `pnpm bench:fit [N]` (N listings, default 100,000):
 * 1. fit scores per second on one core: `computeFit` over N listings, against a baseline
 *    measured in the same run (only turning the same rows into fit inputs);
 * 2. the time to recompute a user's N fit scores after a profile change (the assistant's
 *    own event handler, in-process events);
 * 3. p50/p95/p99 of `viewer { jobMatches(first: 20) }` through the gateway with N open
 *    listings, against `viewer { id }` through the same gateway as baseline. Target: p95 < 100 ms.
 * The listing projection is loaded in bulk with SQL, as N catalog events would leave it.
 */
import { sql } from 'kysely';
import { createKysely } from '@jobgraph/db';
import { startTestCluster } from '@jobgraph/db/testing';
import { createInProcessTransport, createLogger } from '@jobgraph/kit';
import { computeFit } from '@jobgraph/assistant/domain/fit/fit-score';
import { fitListing, fitProfile, type ListingFitColumns } from '@jobgraph/assistant/domain/fit/fit-rows';
import { emptyCareerProfile } from '@jobgraph/assistant/domain/career-profile';
import { migrateAll } from '../src/migrate-all.ts';
import { startStack } from '../src/stack.ts';
import { dataOf, graphql } from '../test/e2e/graphql-client.ts';

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
console.log(`fit scores: ${Math.round(total / fitSeconds).toLocaleString('en')} per second on one core over ${total.toLocaleString('en')} listings (baseline, inputs only: ${Math.round(total / baselineSeconds).toLocaleString('en')}/s; ratio ${(fitSeconds / baselineSeconds).toFixed(1)}×; checksum ${checksum})`);

// 2 and 3. The whole stack with N open listings.
const cluster = await startTestCluster((url) => migrateAll(url));
const databaseUrl = new URL(cluster.adminUrl);
databaseUrl.pathname = `/${cluster.templateDatabase}`;
const events = createInProcessTransport(logger);
const stack = await startStack({ databaseAdminUrl: databaseUrl.toString(), logger, ports: 'random', events });
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
  console.log(`recompute after a profile change: ${((performance.now() - recomputeStarted) / 1000).toFixed(1)} s for ${total.toLocaleString('en')} listings`);
  await sql`analyze assistant.fit_scores`.execute(admin);
  await admin.destroy();

  const time = async (query: string): Promise<number[]> => {
    const latencies: number[] = [];
    for (let i = 0; i < requests; i++) {
      const t = performance.now();
      const response = await graphql(stack.gatewayUrl, query, {}, token);
      if (response.errors) throw new Error(JSON.stringify(response.errors));
      latencies.push(performance.now() - t);
    }
    return latencies.sort((a, b) => a - b);
  };
  await time('{ viewer { id } }');
  const base = await time('{ viewer { id } }');
  const matches = await time('{ viewer { jobMatches(first: 20) { edges { node { recommended viewed listing { id } fit { score rationale factors { kind match } } } } pageInfo { hasNextPage endCursor } } } }');
  console.log(`viewer.jobMatches(first: 20) through the gateway, ${total.toLocaleString('en')} open listings, ${requests} requests: p50 ${ms(percentile(matches, 50))}, p95 ${ms(percentile(matches, 95))}, p99 ${ms(percentile(matches, 99))} (target p95 < 100 ms)`);
  console.log(`baseline { viewer { id } }: p50 ${ms(percentile(base, 50))}, p95 ${ms(percentile(base, 95))}; jobMatches p95 / baseline p95 = ${(percentile(matches, 95) / percentile(base, 95)).toFixed(2)}×`);
} finally {
  await stack.stop();
  await events.close();
  await cluster.stop();
}
