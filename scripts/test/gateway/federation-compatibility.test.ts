import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { composeServices } from '@apollo/composition';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair } from 'jose';
import { createAccessTokenVerifier } from '@jobgraph/gateway/auth/access-token-verifier';
import { startGateway, type RunningGateway } from '@jobgraph/gateway/start-gateway';
import { createInternalTokenSigner, generateInternalKeyPair } from '@jobgraph/kit/internal-token';
import { createLogger } from '@jobgraph/kit/logger';
import { expectedAnswer } from '../../bench/gateway/expected.ts';
import { heavyQuery } from '../../bench/gateway/query.ts';
import { serveSchema, type SubgraphServer } from '../../bench/gateway/subgraph-http.ts';
import { benchSubgraphs, type BenchSubgraph } from '../../bench/gateway/subgraphs.ts';
import { compatOperations, compatSubgraphs } from './compat-subgraphs.ts';

interface Graph {
  readonly subgraphs: SubgraphServer[];
  readonly jobgraph: RunningGateway;
  readonly stockUrl: string;
  readonly stopStock: () => Promise<void>;
}

/** The subgraphs on loopback, and over them both Jobgraph's gateway (production chain) and stock @apollo/gateway. */
async function startGraph(definitions: readonly BenchSubgraph[], delayMs = 0): Promise<Graph> {
  const subgraphs = await Promise.all(definitions.map((definition) => serveSchema(buildSubgraphSchema([{ typeDefs: definition.typeDefs, resolvers: definition.resolvers }]), { delayMs })));
  const urls = Object.fromEntries(definitions.map((definition, index) => [definition.name, subgraphs[index]!.url]));
  const composed = composeServices(definitions.map((definition) => ({ name: definition.name, typeDefs: definition.typeDefs, url: urls[definition.name] })));
  if (composed.errors) throw new Error(composed.errors.map((error) => error.message).join('; '));
  const supergraphSdl = composed.supergraphSdl;
  const keys = await generateInternalKeyPair();
  const jobgraph = await startGateway({
    supergraphSdl,
    subgraphUrls: urls,
    accessTokens: createAccessTokenVerifier(createLocalJWKSet({ keys: [userTokens.publicJwk] })),
    internalTokens: createInternalTokenSigner(keys.privateJwk),
    logger: createLogger('compat', 'silent'),
    port: 0,
    // The bench's deep query prices far above the deployed ceiling and budget (lists assumed 20 long).
    demandControl: { maxOperationCost: 1e12, budgetCapacity: 1e12, budgetRefillPerSecond: 1e9 },
  });
  const stock = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl }) });
  const { url } = await startStandaloneServer(stock, { listen: { port: 0, host: '127.0.0.1' } });
  return { subgraphs, jobgraph, stockUrl: url, stopStock: () => stock.stop() };
}

/** Access tokens as identity signs them, for callers who are different principals. */
const userTokens = await (async () => {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  return {
    publicJwk: { ...(await exportJWK(publicKey)), kid: 'compat', alg: 'EdDSA' },
    sign: (userId: string) =>
      new SignJWT({ roles: ['CANDIDATE'], sid: `session-${userId}` })
        .setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt', kid: 'compat' })
        .setIssuer('jobgraph-identity')
        .setAudience('jobgraph')
        .setSubject(userId)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(privateKey),
  };
})();

async function post(url: string, query: string, variables: Record<string, unknown> = {}, accessToken?: string): Promise<{ status: number; data?: unknown; errors?: unknown }> {
  const headers = { 'content-type': 'application/json', ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}) };
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return { status: response.status, ...((await response.json()) as { data?: unknown; errors?: unknown }) };
}

async function stopGraph(graph: Graph | undefined): Promise<void> {
  await graph?.jobgraph.stop();
  await graph?.stopStock();
  await Promise.all(graph?.subgraphs.map((subgraph) => subgraph.stop()) ?? []);
}

describe('Jobgraph answers federation the way stock @apollo/gateway does', () => {
  let media: Graph | undefined;
  let shop: Graph | undefined;
  let slow: Graph | undefined;
  beforeAll(async () => {
    [media, shop, slow] = await Promise.all([startGraph(compatSubgraphs), startGraph(benchSubgraphs), startGraph(compatSubgraphs, 150)]);
  });
  afterAll(async () => {
    await Promise.all([stopGraph(media), stopGraph(shop), stopGraph(slow)]);
  });

  for (const operation of compatOperations) {
    it(operation.name, async () => {
      const [ours, stock] = await Promise.all([post(media!.jobgraph.url, operation.query, operation.variables), post(media!.stockUrl, operation.query, operation.variables)]);
      expect(stock.errors).toBeUndefined();
      expect(ours.errors).toBeUndefined();
      expect(ours.status).toBe(200);
      expect(ours.data).toEqual(stock.data);
      expect(JSON.stringify(ours.data)).not.toContain('null,'.repeat(3));
    });
  }

  it('the stale catalog price never shows where shop overrides it', async () => {
    const answer = await post(media!.jobgraph.url, '{ medias { ... on Book { price } } }');
    expect(answer.data).toEqual({ medias: [{ price: 1099 }, { price: 799 }, {}] });
  });

  it('the bench workload: the heavy nested query equals the answer computed from the data, 20 at once', async () => {
    const expected = expectedAnswer(heavyQuery);
    const answers = await Promise.all(Array.from({ length: 20 }, (_, index) => post(index % 2 ? shop!.stockUrl : shop!.jobgraph.url, heavyQuery)));
    for (const answer of answers) {
      expect(answer.errors).toBeUndefined();
      expect(isDeepStrictEqual(answer.data, expected.data)).toBe(true);
    }
  });

  it('a field no subgraph has is refused with the same code as stock', async () => {
    const [ours, stock] = await Promise.all([post(media!.jobgraph.url, '{ medias { id isbn } }'), post(media!.stockUrl, '{ medias { id isbn } }')]);
    expect(ours.data).toBeUndefined();
    expect((ours.errors as { extensions: { code: string } }[])[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((stock.errors as { extensions: { code: string } }[])[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('identical queries in flight for one caller share subgraph calls; ten different callers get a call each', async () => {
    const query = '{ medias { id title stars } }';
    const catalog = slow!.subgraphs[0]!;
    const before = catalog.calls();
    const token = await userTokens.sign('00000000-0000-4000-8000-000000000001');
    const same = await Promise.all(Array.from({ length: 10 }, () => post(slow!.jobgraph.url, query, {}, token)));
    for (const answer of same) expect(answer.data).toEqual(same[0]!.data);
    const shared = catalog.calls() - before;
    expect(shared).toBeLessThan(10);

    const tokens = await Promise.all(Array.from({ length: 10 }, (_, index) => userTokens.sign(`00000000-0000-4000-8000-00000000010${index}`)));
    const middle = catalog.calls();
    const apart = await Promise.all(tokens.map((each) => post(slow!.jobgraph.url, query, {}, each)));
    for (const answer of apart) expect(answer.data).toEqual(same[0]!.data);
    // Each caller's catalog fetch goes out on its own: nothing one principal sees is handed to another.
    expect(catalog.calls() - middle).toBe(10);
  });
});
