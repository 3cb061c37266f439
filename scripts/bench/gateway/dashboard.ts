/**
 * The second workload (`pnpm bench:gateway --workload dashboard`): a signed-in
 * candidate's dashboard (`CandidateHome`: identity, assistant, billing, pipeline and
 * catalog in one query) over Jobgraph's five subgraphs with seeded data, through
 * Jobgraph's gateway (every edge control on) and through stock @apollo/gateway in
 * @apollo/server over the same subgraphs. Stock gets only what any gateway in front of
 * these subgraphs must do: verify the access token and vouch for the caller with the
 * internal token. The subgraphs, both gateways and the load generator share this one
 * process (the subgraphs need the stack's internal signing key), so no RSS column.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { isDeepStrictEqual } from 'node:util';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { startTestCluster } from '@jobgraph/db/testing';
import { createAccessTokenVerifier, remoteJwks } from '@jobgraph/gateway';
import { bearerToken, createInProcessTransport, createLogger } from '@jobgraph/kit';
import { migrateAll } from '../../src/migrate-all.ts';
import { startStack } from '../../src/stack.ts';
import { supergraphPath } from '../../src/supergraph.ts';
import { dataOf, graphql } from '../../test/e2e/graphql-client.ts';
import { apply, candidateHome, createCompany, postJob, updateProfile } from '../../test/e2e/operations.ts';
import { measure, median, warmUp, type Measurement } from './workload.ts';

export interface DashboardOptions {
  readonly rounds: number;
  /** Dashboards each gateway answers per round (a fixed amount of work: a busy machine can go seconds without one). */
  readonly requests: number;
  readonly connections: number;
  readonly warmup: number;
}

export async function runDashboardWorkload(options: DashboardOptions): Promise<void> {
  const logger = createLogger('bench', 'error');
  const cluster = await startTestCluster((url) => migrateAll(url));
  const databaseUrl = new URL(cluster.adminUrl);
  databaseUrl.pathname = `/${cluster.templateDatabase}`;
  const events = createInProcessTransport(logger);
  const stack = await startStack({ databaseAdminUrl: databaseUrl.toString(), logger, ports: 'random', events });
  let stock: ApolloServer<StockContext> | undefined;
  try {
    const seeded = await seed(stack.gatewayUrl);
    const jwks = remoteJwks(new URL('/.well-known/jwks.json', stack.subgraphs.identity.url).toString());
    const verifier = createAccessTokenVerifier(jwks);
    stock = new ApolloServer<StockContext>({
      gateway: new ApolloGateway({
        supergraphSdl: readFileSync(supergraphPath, 'utf8'),
        buildService: ({ name }) => new VouchingDataSource({ url: stack.subgraphs[name as keyof typeof stack.subgraphs].url }),
      }),
    });
    const { url: stockUrl } = await startStandaloneServer(stock, {
      listen: { port: 0, host: '127.0.0.1' },
      context: async ({ req }: { req: IncomingMessage }) => {
        const token = bearerToken(req);
        const principal = token ? await verifier.verify(token) : { kind: 'anonymous' as const };
        return { internalToken: await stack.internalTokens.sign(principal) };
      },
    });
    const gateways = { stock: new URL('/graphql', stockUrl).toString(), jobgraph: stack.gatewayUrl };
    const headers = { authorization: `Bearer ${seeded.accessToken}` };
    const body = JSON.stringify({ query: candidateHome, operationName: 'CandidateHome' });
    const checks: Record<string, (text: string) => boolean> = {};
    for (const [name, url] of Object.entries(gateways)) {
      const answer = await graphql<Record<string, unknown>>(url, candidateHome, {}, seeded.accessToken);
      if (answer.errors?.length || !isDeepStrictEqual(withoutCursors(answer.data), seeded.expected)) throw new Error(`${name} answered the dashboard wrongly: ${JSON.stringify(answer)}`);
      const prefix = `{"data":${JSON.stringify(answer.data)}`;
      checks[name] = (text) => text.startsWith(prefix);
      console.log(`${name}: correct dashboard at ${url}`);
      await warmUp(url, { seconds: options.warmup, connections: options.connections, body, headers });
    }
    const results: Record<string, Measurement[]> = { stock: [], jobgraph: [] };
    const calls = { subgraphCalls: async () => 0 };
    for (let round = 1; round <= options.rounds; round += 1) {
      for (const [name, url] of Object.entries(gateways)) {
        const result = await measure(url, process.pid, calls, { seconds: 0, amount: options.requests, connections: options.connections, body, headers, verifyBody: checks[name]!, countCalls: false });
        results[name]!.push(result);
        console.log(`round ${round} ${name.padEnd(9)} ${result.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${result.p50Ms} ms  p99 ${result.p99Ms} ms  errors ${result.errors}`);
      }
    }
    const stockRate = median(results.stock!.map((r) => r.requestsPerSecond));
    console.log(`\ndashboard workload (CandidateHome, signed in), median of ${options.rounds} rounds:\n`);
    console.log('| gateway | req/s | p50 ms | p99 ms | errors | × stock |\n|---|---|---|---|---|---|');
    for (const [name, rounds] of Object.entries(results)) {
      const rate = median(rounds.map((r) => r.requestsPerSecond));
      console.log(`| ${name} | ${rate.toFixed(0)} | ${median(rounds.map((r) => r.p50Ms)).toFixed(0)} | ${median(rounds.map((r) => r.p99Ms)).toFixed(0)} | ${rounds.reduce((n, r) => n + r.errors, 0)} | ${(rate / stockRate).toFixed(2)} |`);
    }
  } finally {
    await stock?.stop();
    await stack.stop();
    await events.close();
    await cluster.stop();
  }
}

interface StockContext {
  readonly internalToken: string;
}

/** Stock's data source plus the one header Jobgraph's subgraphs require: the gateway's word for who is calling. */
class VouchingDataSource extends RemoteGraphQLDataSource<StockContext> {
  override willSendRequest(options: Parameters<NonNullable<RemoteGraphQLDataSource<StockContext>['willSendRequest']>>[0]): void {
    if ('incomingRequestContext' in options) options.request.http?.headers.set('authorization', `Bearer ${options.context.internalToken}`);
  }
}

/** An employer's listing, and a candidate with a profile who applied to it; the dashboard they should see. */
async function seed(gatewayUrl: string): Promise<{ accessToken: string; expected: unknown }> {
  const signUp = `mutation ($input: SignUpInput!) { signUp(input: $input) { user { id } tokens { accessToken } errors { code } } }`;
  const person = async (displayName: string, role: string) => {
    const result = dataOf(await graphql<{ signUp: { user: { id: string }; tokens: { accessToken: string } } }>(gatewayUrl, signUp, { input: { email: `${role.toLowerCase()}.${randomUUID()}@example.com`, password: 'a long and unusual passphrase', displayName, role } }));
    return { id: result.signUp.user.id, token: result.signUp.tokens.accessToken };
  };
  const employer = await person('Erin Employer', 'EMPLOYER');
  const company = dataOf(await graphql<{ createCompany: { company: { id: string } } }>(gatewayUrl, createCompany, { input: { name: 'Acme Graphs' } }, employer.token));
  const companyId = company.createCompany.company.id;
  const listing = dataOf(
    await graphql<{ createJobListing: { jobListing: { id: string } } }>(gatewayUrl, postJob, { input: { companyId, title: 'Staff GraphQL Engineer', description: 'Build the graph that hires people.', employmentType: 'FULL_TIME', remoteType: 'REMOTE', tags: ['graphql'], publish: true } }, employer.token),
  );
  const jobId = listing.createJobListing.jobListing.id;
  const candidate = await person('Ada', 'CANDIDATE');
  dataOf(await graphql(gatewayUrl, updateProfile, { input: { headline: 'Engineer who likes graphs', skills: ['GraphQL', 'TypeScript'] } }, candidate.token));
  // Pipeline learns of the listing from catalog's events: retry until it has.
  let applicationId: string | null = null;
  for (let attempt = 0; attempt < 100 && !applicationId; attempt += 1) {
    const result = dataOf(await graphql<{ createApplication: { application: { id: string } | null } }>(gatewayUrl, apply, { input: { jobId } }, candidate.token));
    applicationId = result.createApplication.application?.id ?? null;
    if (!applicationId) await new Promise((resolve) => setTimeout(resolve, 200));
  }
  if (!applicationId) throw new Error('the candidate could not apply: the listing never reached pipeline');
  return {
    accessToken: candidate.token,
    expected: {
      viewer: {
        __typename: 'User',
        id: candidate.id,
        displayName: 'Ada',
        careerProfile: { headline: 'Engineer who likes graphs', skills: ['GraphQL', 'TypeScript'] },
        subscription: { status: 'ACTIVE', plan: { code: 'free', name: 'Free', price: { amountCents: 0, currency: 'USD' } } },
        applications: {
          edges: [{ node: { __typename: 'Application', id: applicationId, stage: { name: 'Applied', kind: 'APPLIED' }, job: { __typename: 'JobListing', id: jobId, title: 'Staff GraphQL Engineer', company: { __typename: 'Company', id: companyId, name: 'Acme Graphs' } } } }],
          pageInfo: { hasNextPage: false },
        },
      },
    },
  };
}

/** The dashboard without its opaque cursors (the seed cannot know them). */
function withoutCursors(data: unknown): unknown {
  return JSON.parse(JSON.stringify(data), (key, value: unknown) => (key === 'cursor' || key === 'endCursor' ? undefined : value));
}
