import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@jobgraph/db/testing';
import { startSubgraphHarness, userPrincipal, type SubgraphHarness } from '@jobgraph/kit/testing';
import { pipeline } from '../../src/index.ts';

/** Test helpers: a corpus message addressed to a forwarding address, and the three webhook calls. */

const fixtures = new URL('../../fixtures/email/', import.meta.url);

/** A corpus fixture with its To header replaced by `to` (and optionally its From). */
export function fixture(name: string, to: string, from?: string): string {
  let text = readFileSync(new URL(`${name}.eml`, fixtures), 'utf8').replace(/^To: .*$/m, `To: ${to}`);
  if (from) text = text.replace(/^From: .*$/m, `From: ${from}`);
  return text;
}

export function message(headers: Record<string, string>, body: string): string {
  return `${Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${body}`;
}

export interface WebhookAnswer {
  readonly status: number;
  readonly body: { deliveries?: { status: string; duplicate: boolean }[]; error?: string };
}

async function answer(response: Response): Promise<WebhookAnswer> {
  return { status: response.status, body: (await response.json()) as WebhookAnswer['body'] };
}

export function webhooks(baseUrl: string, secrets: WebhookSecrets) {
  return {
    async raw(rfc822: string | Buffer, secret = secrets.raw): Promise<WebhookAnswer> {
      return answer(await fetch(`${baseUrl}/webhooks/inbound-email/raw`, { method: 'POST', headers: { authorization: `Bearer ${secret}`, 'content-type': 'message/rfc822' }, body: rfc822 }));
    },
    async postmark(payload: unknown, auth: { basic?: string; token?: string } = { basic: secrets.postmark }): Promise<WebhookAnswer> {
      const query = auth.token ? `?token=${encodeURIComponent(auth.token)}` : '';
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (auth.basic) headers.authorization = `Basic ${Buffer.from(`postmark:${auth.basic}`).toString('base64')}`;
      return answer(await fetch(`${baseUrl}/webhooks/inbound-email/postmark${query}`, { method: 'POST', headers, body: JSON.stringify(payload) }));
    },
    /** Form-encoded as Mailgun posts a route's forward; signed with `key` at `timestamp`. */
    async mailgun(fields: Record<string, string>, options: { key?: string; timestamp?: number; token?: string; signature?: string } = {}): Promise<WebhookAnswer> {
      const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
      const token = options.token ?? crypto.randomUUID().replaceAll('-', '');
      const signature = options.signature ?? createHmac('sha256', options.key ?? secrets.mailgun).update(timestamp + token).digest('hex');
      const body = new URLSearchParams({ ...fields, timestamp, token, signature });
      return answer(await fetch(`${baseUrl}/webhooks/inbound-email/mailgun`, { method: 'POST', body }));
    },
  };
}

export interface WebhookSecrets {
  readonly raw: string;
  readonly postmark: string;
  readonly mailgun: string;
}

/** The inbound-email settings of a test subgraph: forwarding domain `in.jobgraph.test`, the three secrets, and any others. */
export function emailEnv(secrets: WebhookSecrets, more: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    INBOUND_EMAIL_DOMAIN: 'in.jobgraph.test',
    INBOUND_EMAIL_RAW_SECRET: secrets.raw,
    INBOUND_EMAIL_POSTMARK_SECRET: secrets.postmark,
    MAILGUN_WEBHOOK_SIGNING_KEY: secrets.mailgun,
    ...more,
  };
}

/** A fresh database and pipeline subgraph (with the given settings) for the test file. */
export function useEmailSubgraph(env: NodeJS.ProcessEnv) {
  let database: TestDatabase | undefined;
  let harness: SubgraphHarness | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    harness = await startSubgraphHarness(pipeline, database, { env });
  });
  afterAll(async () => {
    await harness?.stop();
    await database?.drop();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the subgraph starts in beforeAll');
    return value;
  };
  return {
    get harness() {
      return started(harness);
    },
    get database() {
      return started(database);
    },
    candidate(id: string = crypto.randomUUID()) {
      const principal = userPrincipal(id);
      return { id, request: <T>(query: string, variables?: Record<string, unknown>) => started(harness).request<T>(query, variables, principal) };
    },
  };
}
