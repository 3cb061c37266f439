import { createServer } from 'node:net';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createKysely } from '@jobgraph/db';
import { createTestDatabase, type TestDatabase } from '@jobgraph/db/testing';
import { createLogger, createSmtpSender, queueMail, retryDelayMs, startMailRelay } from '@jobgraph/kit';
import type { Database } from '../src/db/types.ts';

declare module 'vitest' {
  /** Provided by scripts/src/testing/global-setup.ts: the run's SMTP server (maildev) and its REST API. */
  export interface ProvidedContext {
    smtpUrl: string;
    mailWebUrl: string;
  }
}

let database: TestDatabase;
let db: Kysely<Database>;
beforeAll(async () => {
  database = await createTestDatabase();
  db = createKysely<Database>({ url: database.urlFor('identity'), maxConnections: 2 });
});
afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

/** A port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const message = (to: string) => ({ to, subject: 'Hello', text: 'Plain <b>', html: '<p>Plain &lt;b&gt;</p>' });
const row = (id: string) => db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('the mail relay', () => {
  it('keeps a message queued with the error and a later attempt when the server is down, then marks it failed after the last attempt', async () => {
    const id = await queueMail(db as unknown as Kysely<unknown>, 'test', message('down@example.com'));
    const relay = startMailRelay({ db: db as unknown as Kysely<unknown>, sender: createSmtpSender(`smtp://127.0.0.1:${await closedPort()}`, 'test@jobgraph.local'), logger: createLogger('mail', 'silent'), pollMs: 60_000, maxAttempts: 2 });
    try {
      expect(await relay.flush()).toBe(0);
      const first = await row(id);
      expect(first).toMatchObject({ status: 'queued', attempts: 1 });
      expect(first.last_error).toMatch(/ECONNREFUSED/);
      expect(first.next_attempt_at.getTime()).toBeGreaterThan(Date.now() + 25_000);

      await db.updateTable('mail_outbox').set({ next_attempt_at: new Date() }).where('id', '=', id).execute();
      await relay.flush();
      expect(await row(id)).toMatchObject({ status: 'failed', attempts: 2 });
    } finally {
      await relay.stop();
    }
  });

  it('sends a due message to a real SMTP server once, even with two relays', async () => {
    const id = await queueMail(db as unknown as Kysely<unknown>, 'test', message('up@example.com'));
    const relays = [1, 2].map(() => startMailRelay({ db: db as unknown as Kysely<unknown>, sender: createSmtpSender(inject('smtpUrl'), 'test@jobgraph.local'), logger: createLogger('mail', 'silent'), pollMs: 60_000 }));
    try {
      const sent = await Promise.all(relays.map((relay) => relay.flush()));
      expect(sent.reduce((a, b) => a + b, 0)).toBe(1);
      expect(await row(id)).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
      const inbox = (await (await fetch(new URL('/api/email', inject('mailWebUrl')))).json()) as { to: { address: string }[]; html: string }[];
      const received = inbox.filter((mail) => mail.to[0]?.address === 'up@example.com');
      expect(received).toHaveLength(1);
    } finally {
      await Promise.all(relays.map((relay) => relay.stop()));
    }
  });

  it('backs off exponentially up to an hour', () => {
    expect(retryDelayMs(1)).toBeGreaterThanOrEqual(30_000);
    expect(retryDelayMs(1)).toBeLessThanOrEqual(36_000);
    expect(retryDelayMs(3)).toBeGreaterThanOrEqual(120_000);
    expect(retryDelayMs(30)).toBeLessThanOrEqual(4_320_000);
  });
});
