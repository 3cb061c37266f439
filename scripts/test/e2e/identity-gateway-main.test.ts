import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGateway } from '@jobgraph/gateway/build';
import { createKafkaTransport, createLogger } from '@jobgraph/kit';
import { eventually } from '@jobgraph/kit/testing';
import { kafkaBrokers } from '../../src/testing/kafka-brokers.ts';
import { dataOf, graphql } from './graphql-client.ts';
import { useStory } from './story.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const namespace = `e2e-main-${crypto.randomUUID().slice(0, 8)}`;
const story = useStory({ events: () => createKafkaTransport({ brokers: kafkaBrokers(), clientId: 'e2e-main', logger: createLogger('kafka', 'silent'), namespace }) });

let gateway: ChildProcess | undefined;
let gatewayUrl = '';

/**
 * The gateway as an operator deploys it: its bundle (`pnpm gateway:build`, what the image
 * runs as `node gateway/dist/main.js`) in its own process, configured by environment alone,
 * finding the committed supergraph files beside itself, over the story's subgraphs and
 * Kafka namespace (its Kafka client a chunk loaded because EVENTS=kafka).
 */
beforeAll(async () => {
  const { subgraphs, internalPrivateJwk } = story().stack;
  const { entry } = await buildGateway();
  gateway = spawn(process.execPath, [entry], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: '0',
      LOG_LEVEL: 'info',
      INTERNAL_TOKEN_PRIVATE_JWK: JSON.stringify(internalPrivateJwk),
      KAFKA_BROKERS: kafkaBrokers().join(','),
      KAFKA_NAMESPACE: namespace,
      API_KEY_CACHE_SECONDS: '1',
      SUBGRAPH_IDENTITY_URL: subgraphs.identity.url,
      SUBGRAPH_CATALOG_URL: subgraphs.catalog.url,
      SUBGRAPH_PIPELINE_URL: subgraphs.pipeline.url,
      SUBGRAPH_ASSISTANT_URL: subgraphs.assistant.url,
      SUBGRAPH_BILLING_URL: subgraphs.billing.url,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: gateway.stdout! });
  gatewayUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the gateway did not start within 60 s')), 60_000);
    gateway!.once('exit', (code) => reject(new Error(`the gateway exited with ${code}`)));
    lines.on('line', (line) => {
      let entry: { msg?: string; url?: string } = {};
      try {
        entry = JSON.parse(line) as typeof entry;
      } catch {
        return;
      }
      if (entry.msg === 'gateway listening' && entry.url) {
        clearTimeout(timer);
        resolve(entry.url);
      }
    });
  });
}, 90_000);

afterAll(async () => {
  if (!gateway || gateway.exitCode !== null) return;
  const exited = new Promise((resolve) => gateway!.once('exit', resolve));
  gateway.kill('SIGTERM');
  await exited;
});

const signUp = 'mutation ($input: SignUpInput!) { signUp(input: $input) { user { id } tokens { accessToken } errors { code } } }';

describe('the gateway deployed alone (its bundle, gateway/dist/main.js)', () => {
  it('refuses a signed-out session’s access token within seconds, from identity’s events over Kafka', async () => {
    const email = `main.${crypto.randomUUID().slice(0, 8)}@example.com`;
    const signedUp = dataOf(await graphql<{ signUp: { user: { id: string }; tokens: { accessToken: string } } }>(gatewayUrl, signUp, { input: { email, password: 'a long and unusual passphrase', displayName: 'Mai Main' } }));
    const token = signedUp.signUp.tokens.accessToken;
    expect(dataOf(await graphql<{ viewer: { id: string } }>(gatewayUrl, '{ viewer { id } }', {}, token)).viewer.id).toBe(signedUp.signUp.user.id);
    dataOf(await graphql(gatewayUrl, 'mutation { signOut { signedOut } }', {}, token));
    await eventually(async () => (await graphql(gatewayUrl, '{ viewer { id } }', {}, token)).status === 401, 15_000);
    const refused = await graphql(gatewayUrl, '{ viewer { id } }', {}, token);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'SESSION_REVOKED' });
  });

  it('accepts a partner API key through identity, and stops a revoked one within its cache time', async () => {
    const ada = await story().candidate('Ada Main Key');
    const created = dataOf(await graphql<{ createApiKey: { apiKey: { id: string }; secret: string } }>(gatewayUrl, 'mutation { createApiKey(input: { name: "Main", scopes: ["profile:read"] }) { apiKey { id } secret } }', {}, ada.accessToken));
    const partner = async () => {
      const response = await fetch(gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': created.createApiKey.secret }, body: JSON.stringify({ query: '{ viewer { id } }' }) });
      return { status: response.status, body: (await response.json()) as { data?: { viewer: { id: string } } } };
    };
    const accepted = await partner();
    expect(accepted.body.data?.viewer.id).toBe(ada.id);
    dataOf(await graphql(gatewayUrl, 'mutation ($id: ID!) { revokeApiKey(input: { apiKeyId: $id }) { done } }', { id: created.createApiKey.apiKey.id }, ada.accessToken));
    await eventually(async () => (await partner()).status === 401, 5_000);
  });
});
