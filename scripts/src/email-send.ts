/**
 * `pnpm email:send <file.eml> [--email <account>] [--password <password>]`: sends one
 * RFC 5322 message to the local stack's raw inbound-email webhook, addressed to the
 * forwarding address of an account (the demo candidate by default), and prints what it
 * did and the account's applications. Needs `pnpm dev` running.
 *
 * Env: GATEWAY_URL (http://localhost:4000/graphql), PIPELINE_URL (http://localhost:4003),
 * INBOUND_EMAIL_RAW_SECRET (the development default of `pnpm dev`).
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { developmentInboundEmailSecret } from './dev-settings.ts';
import { demoAccounts, demoPassword } from './seed/demo-data.ts';
import { seedClient } from './seed/gateway-client.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { email: { type: 'string' }, password: { type: 'string' } } });
const file = positionals[0];
if (!file) {
  console.error('usage: pnpm email:send <file.eml> [--email <account>] [--password <password>]');
  process.exit(2);
}
const gatewayUrl = process.env.GATEWAY_URL ?? 'http://localhost:4000/graphql';
const pipelineUrl = process.env.PIPELINE_URL ?? 'http://localhost:4003';
const secret = process.env.INBOUND_EMAIL_RAW_SECRET ?? developmentInboundEmailSecret;
const client = seedClient(gatewayUrl);

const signIn = await client.request<{ signIn: { tokens: { accessToken: string } | null; errors: { code: string }[] } }>(
  'mutation ($i: SignInInput!) { signIn(input: $i) { tokens { accessToken } errors { code } } }',
  { i: { email: values.email ?? demoAccounts[0].email, password: values.password ?? demoPassword } },
);
const token = signIn.signIn.tokens?.accessToken;
if (!token) throw new Error(`could not sign in: ${signIn.signIn.errors.map((e) => e.code).join(', ')}`);

const viewerQuery = 'query { viewer { emailForwarding { address } applications(first: 10) { edges { node { manualJob { title companyName } stage { name } } } } } }';
type Viewer = { viewer: { emailForwarding: { address: string }; applications: { edges: { node: { manualJob: { title: string; companyName: string | null } | null; stage: { name: string } } }[] } } };
const before = await client.request<Viewer>(viewerQuery, {}, token);
const address = before.viewer.emailForwarding.address;

const raw = await readFile(file);
const response = await fetch(`${pipelineUrl}/webhooks/inbound-email/raw`, {
  method: 'POST',
  // The envelope recipient, as a mail relay in front of the webhook would give it.
  headers: { authorization: `Bearer ${secret}`, 'content-type': 'message/rfc822', 'x-original-to': address },
  body: raw,
});
console.log(`POST /webhooks/inbound-email/raw for ${address}: ${response.status} ${await response.text()}`);

const after = await client.request<Viewer>(viewerQuery, {}, token);
console.log('Applications now:');
for (const { node } of after.viewer.applications.edges) console.log(`  ${node.manualJob?.companyName ?? '(listing)'} — ${node.manualJob?.title ?? ''}: ${node.stage.name}`);
