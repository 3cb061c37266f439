import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createKysely } from '@jobgraph/db';
import { sql } from 'kysely';
import { emailEnv, fixture, message, useEmailSubgraph, webhooks } from './mail.ts';

const secrets = { raw: 'raw-secret-for-tests-0123456789', postmark: 'postmark-secret-for-tests-0123', mailgun: 'mailgun-signing-key-for-tests-01' };
const tracker = useEmailSubgraph(emailEnv(secrets, { INBOUND_EMAIL_MAX_BYTES: String(2 * 1024 * 1024) }));
const hooks = () => webhooks(tracker.harness.service.url.replace(/\/graphql$/, ''), secrets);

const forwardingQuery = /* GraphQL */ `
  query ($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on User {
        emailForwarding { address refusedCount builtInTrustedDomains trustedSenders { edges { node { id kind sender } } } }
        inboundEmails(first: 50) {
          edges { node { id sender subject text status classification confidence reasons company jobTitle mentionedDates attachmentCount application { id stage { kind } manualJob { title companyName } history { fromStage { kind } toStage { kind } changedBy { id } note } } } }
        }
      }
    }
  }
`;

interface InboundEmailData {
  id: string;
  sender: string;
  subject: string;
  text: string | null;
  status: string;
  classification: string | null;
  confidence: number | null;
  reasons: string[];
  company: string | null;
  jobTitle: string | null;
  mentionedDates: string[];
  attachmentCount: number;
  application: {
    id: string;
    stage: { kind: string };
    manualJob: { title: string; companyName: string | null } | null;
    history: { fromStage: { kind: string } | null; toStage: { kind: string }; changedBy: { id: string } | null; note: string | null }[];
  } | null;
}
interface ForwardingData {
  emailForwarding: { address: string; refusedCount: number; builtInTrustedDomains: string[]; trustedSenders: { edges: { node: { id: string; kind: string; sender: string } }[] } };
  inboundEmails: { edges: { node: InboundEmailData }[] };
}

function person() {
  const self = tracker.candidate();
  return {
    ...self,
    async view(): Promise<ForwardingData> {
      const result = await self.request<{ _entities: ForwardingData[] }>(forwardingQuery, { r: [{ __typename: 'User', id: self.id }] });
      const data = result.data?._entities[0];
      if (!data) throw new Error(JSON.stringify(result.errors));
      return data;
    },
    async address() {
      return (await this.view()).emailForwarding.address;
    },
    async trust(sender: string) {
      const result = await self.request<{ addTrustedSender: { trustedSender: { id: string } | null; errors: { code: string }[] } }>(
        'mutation ($s: String!) { addTrustedSender(input: { sender: $s }) { trustedSender { id } errors { code } } }',
        { s: sender },
      );
      return result.data?.addTrustedSender;
    },
    async inbox() {
      return (await this.view()).inboundEmails.edges.map((e) => e.node);
    },
  };
}

describe('forwarding address and trusted senders', () => {
  it('gives each user an unguessable address, the same on every read, and a new one on request that the old one no longer reaches', async () => {
    const ada = person();
    const first = await ada.address();
    expect(first).toMatch(/^[a-z2-7]{26}@in\.jobgraph\.test$/);
    expect(await ada.address()).toBe(first);
    expect(await person().address()).not.toBe(first);

    const regenerated = await ada.request<{ regenerateForwardingAddress: { emailForwarding: { address: string } } }>('mutation { regenerateForwardingAddress { emailForwarding { address } errors { code } } }');
    const second = regenerated.data?.regenerateForwardingAddress.emailForwarding.address;
    expect(second).toMatch(/@in\.jobgraph\.test$/);
    expect(second).not.toBe(first);

    const old = await hooks().raw(fixture('greenhouse-confirmation-northwind', first));
    expect(old).toEqual({ status: 200, body: { deliveries: [] } });
    expect(await ada.inbox()).toEqual([]);
  });

  it('trusts addresses and domains the user adds, on top of the built-in ATS senders, and refuses bad or too broad ones', async () => {
    const ada = person();
    expect((await ada.view()).emailForwarding.builtInTrustedDomains).toEqual(expect.arrayContaining(['greenhouse.io', 'hire.lever.co', 'myworkday.com', 'ashbyhq.com', 'smartrecruiters.com']));
    expect(await ada.trust('@Northwindlabs.com')).toMatchObject({ errors: [] });
    expect(await ada.trust('Recruiter@Oakstone.io')).toMatchObject({ errors: [] });
    expect((await ada.trust('northwindlabs.com'))?.errors).toEqual([{ code: 'ALREADY_TRUSTED' }]);
    expect((await ada.trust('gmail.com'))?.errors).toEqual([{ code: 'TOO_BROAD' }]);
    expect((await ada.trust('not a sender'))?.errors).toEqual([{ code: 'INVALID_SENDER' }]);
    const senders = (await ada.view()).emailForwarding.trustedSenders.edges.map((e) => e.node);
    expect(senders.map((s) => [s.kind, s.sender])).toEqual([
      ['DOMAIN', 'northwindlabs.com'],
      ['ADDRESS', 'recruiter@oakstone.io'],
    ]);

    const grace = person();
    const removeAdas = await grace.request<{ removeTrustedSender: { errors: { code: string }[] } }>('mutation ($id: UUID!) { removeTrustedSender(input: { id: $id }) { errors { code } } }', { id: senders[0]?.id });
    expect(removeAdas.data?.removeTrustedSender.errors).toEqual([{ code: 'NOT_FOUND' }]);
    expect((await ada.view()).emailForwarding.trustedSenders.edges).toHaveLength(2);
  });

  it('answers FORBIDDEN to anyone reading another user forwarding address or inbound mail', async () => {
    const ada = person();
    const grace = person();
    const result = await grace.request(forwardingQuery, { r: [{ __typename: 'User', id: ada.id }] });
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(result.data ?? null)).not.toContain('@in.jobgraph.test');
  });
});

describe('mail at the raw webhook', () => {
  it('creates an application from a confirmation, moves it on an invitation and a rejection, with the parser as the author of each timeline entry', async () => {
    const ada = person();
    const to = await ada.address();
    await ada.trust('northwindlabs.com');

    expect(await hooks().raw(fixture('greenhouse-confirmation-northwind', to))).toEqual({ status: 200, body: { deliveries: [{ status: 'applied', duplicate: false }] } });
    const [confirmation] = await ada.inbox();
    expect(confirmation).toMatchObject({ classification: 'CONFIRMATION', status: 'APPLIED', company: 'Northwind Labs', jobTitle: 'Senior Backend Engineer', sender: 'no-reply@us.greenhouse-mail.io' });
    expect(confirmation?.application).toMatchObject({ stage: { kind: 'APPLIED' }, manualJob: { title: 'Senior Backend Engineer', companyName: 'Northwind Labs' } });
    expect(confirmation?.application?.history[0]).toMatchObject({ fromStage: null, toStage: { kind: 'APPLIED' }, changedBy: null, note: expect.stringContaining('Email parser: confirmation') });

    await hooks().raw(fixture('greenhouse-interview-northwind', to));
    await hooks().raw(fixture('greenhouse-rejection-northwind', to));
    const inbox = await ada.inbox();
    expect(inbox.map((m) => [m.classification, m.status])).toEqual([
      ['REJECTION', 'APPLIED'],
      ['INTERVIEW', 'APPLIED'],
      ['CONFIRMATION', 'APPLIED'],
    ]);
    const application = inbox[0]?.application;
    expect(application?.id).toBe(confirmation?.application?.id);
    expect(application?.history.map((h) => [h.fromStage?.kind ?? null, h.toStage.kind, h.changedBy])).toEqual([
      [null, 'APPLIED', null],
      ['APPLIED', 'INTERVIEW', null],
      ['INTERVIEW', 'REJECTED', null],
    ]);
  });

  it('commits the record, the application and their events together in the outbox', async () => {
    const ada = person();
    await hooks().raw(fixture('lever-confirmation-brightpath', await ada.address()));
    const db = createKysely<unknown>({ url: tracker.database.urlFor('pipeline') });
    try {
      const rows = await sql<{ type: string; envelope: { data: Record<string, unknown> } }>`select type, envelope from outbox where envelope->'data'->>'userId' = ${ada.id} order by seq`.execute(db);
      expect(rows.rows.map((r) => r.type)).toEqual(['jobgraph.pipeline.application.created.v1', 'jobgraph.pipeline.inbound-email.processed.v1']);
      const processed = rows.rows[1]?.envelope.data;
      expect(processed).toMatchObject({ classification: 'confirmation', status: 'applied', provider: 'raw' });
      expect(JSON.stringify(processed)).not.toMatch(/brightpath|@|Product Designer/i);
    } finally {
      await db.destroy();
    }
  });

  it('keeps a message it is not sure of for review; the user confirms one with a correction and dismisses another', async () => {
    const ada = person();
    const to = await ada.address();
    await ada.trust('example.org');
    const vague = message({ From: 'Sam <sam@example.org>', To: to, Subject: 'Quick note' }, 'Thanks for applying. We will be in touch.');
    expect((await hooks().raw(vague)).body.deliveries).toEqual([{ status: 'needs_review', duplicate: false }]);
    const vague2 = message({ From: 'Sam <sam@example.org>', To: to, Subject: 'Another note' }, 'Thanks for applying, we will review it.');
    await hooks().raw(vague2);
    const [second, first] = await ada.inbox();
    expect(first).toMatchObject({ status: 'NEEDS_REVIEW', application: null });

    const confirmed = await ada.request<{ confirmInboundEmail: { inboundEmail: InboundEmailData | null; errors: { code: string }[] } }>(
      'mutation ($id: UUID!) { confirmInboundEmail(input: { id: $id, companyName: "Example Org", jobTitle: "Analyst" }) { inboundEmail { status application { stage { kind } manualJob { title companyName } } } errors { code } } }',
      { id: first?.id },
    );
    expect(confirmed.data?.confirmInboundEmail).toEqual({ inboundEmail: { status: 'APPLIED', application: { stage: { kind: 'APPLIED' }, manualJob: { title: 'Analyst', companyName: 'Example Org' } } }, errors: [] });
    const again = await ada.request<{ confirmInboundEmail: { errors: { code: string }[] } }>('mutation ($id: UUID!) { confirmInboundEmail(input: { id: $id }) { errors { code } } }', { id: first?.id });
    expect(again.data?.confirmInboundEmail.errors).toEqual([{ code: 'NOT_PENDING' }]);

    const grace = person();
    const gracesTry = await grace.request<{ dismissInboundEmail: { errors: { code: string }[] } }>('mutation ($id: UUID!) { dismissInboundEmail(input: { id: $id }) { errors { code } } }', { id: second?.id });
    expect(gracesTry.data?.dismissInboundEmail.errors).toEqual([{ code: 'NOT_FOUND' }]);
    const dismissed = await ada.request<{ dismissInboundEmail: { inboundEmail: { status: string } } }>('mutation ($id: UUID!) { dismissInboundEmail(input: { id: $id }) { inboundEmail { status } errors { code } } }', { id: second?.id });
    expect(dismissed.data?.dismissInboundEmail.inboundEmail.status).toBe('DISMISSED');
  });
});

describe('provider payloads', () => {
  it('reads Postmark JSON with an HTML-only body and counts its attachments', async () => {
    const ada = person();
    const to = await ada.address();
    const answer = await hooks().postmark({
      FromFull: { Email: 'no-reply@ashbyhq.com', Name: 'Quanta Hiring Team' },
      ToFull: [{ Email: to, Name: 'Ada' }],
      Subject: 'Schedule your interview with Quanta',
      MessageID: 'pm-1',
      Date: 'Mon, 20 Oct 2025 10:00:00 +0000',
      TextBody: '',
      HtmlBody: '<p>Hi Ada,</p><p>Thanks for applying to Quanta. We would like to invite you to a technical interview for the Platform Engineer role. Please pick a time.</p><script>alert(1)</script>',
      Attachments: [{ Name: 'agenda.pdf', Content: 'JVBERi0=', ContentType: 'application/pdf', ContentLength: 5 }],
    });
    expect(answer).toEqual({ status: 200, body: { deliveries: [{ status: 'applied', duplicate: false }] } });
    const [email] = await ada.inbox();
    expect(email).toMatchObject({ classification: 'INTERVIEW', company: 'Quanta', attachmentCount: 1, application: { stage: { kind: 'INTERVIEW' } } });
    expect(email?.text).toContain('We would like to invite you to a technical interview');
    expect(email?.text).not.toMatch(/<|alert/);
  });

  it('reads a Mailgun forward carrying the raw MIME (body-mime), and Mailgun JSON with the signature nested', async () => {
    const ada = person();
    const to = await ada.address();
    const mime = fixture('smartrecruiters-interview-video-vela', to);
    expect((await hooks().mailgun({ recipient: to, 'body-mime': mime })).body.deliveries).toEqual([{ status: 'applied', duplicate: false }]);

    const timestamp = String(Math.floor(Date.now() / 1000));
    const token = 'nested-token-0001';
    const signature = createHmac('sha256', secrets.mailgun).update(timestamp + token).digest('hex');
    const response = await fetch(`${tracker.harness.service.url.replace(/\/graphql$/, '')}/webhooks/inbound-email/mailgun`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        signature: { timestamp, token, signature },
        recipient: to,
        from: 'Vela Logistics <noreply@smartrecruiters.com>',
        subject: 'Vela Logistics: we have received your application',
        'body-plain': 'Dear Ada, we confirm receipt of your application for the Operations Manager position at Vela Logistics.',
      }),
    });
    expect(response.status).toBe(200);
    const inbox = await ada.inbox();
    expect(inbox.map((m) => [m.classification, m.status, m.company])).toEqual([
      ['CONFIRMATION', 'APPLIED', 'Vela Logistics'],
      ['INTERVIEW', 'APPLIED', 'Vela Logistics'],
    ]);
    // The confirmation came after the interview invitation: it moves nothing back.
    expect(inbox[0]?.application?.id).toBe(inbox[1]?.application?.id);
    expect(inbox[0]?.application?.stage.kind).toBe('INTERVIEW');
  });
});
