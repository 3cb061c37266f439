import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { dataOf, refusedAtTheEdge } from './graphql-client.ts';
import { useStory, type Member } from './story.ts';

const secret = 'e2e-inbound-email-secret-0123456789';
const story = useStory({ env: { ...process.env, INBOUND_EMAIL_RAW_SECRET: secret, INBOUND_EMAIL_DOMAIN: 'in.jobgraph.test' } });
const root = fileURLToPath(new URL('../../../', import.meta.url));
const fixture = (name: string) => `${root}subgraphs/pipeline/fixtures/email/${name}.eml`;

const viewerQuery = /* GraphQL */ `
  query {
    viewer {
      id
      emailForwarding { address refusedCount }
      inboundEmails(first: 10) { edges { node { id status classification company application { id stage { kind } manualJob { companyName } } } } }
      applications(first: 10) { edges { node { id stage { kind } manualJob { title companyName } history { toStage { kind } changedBy { id } } } } }
    }
  }
`;
interface ViewerData {
  viewer: {
    id: string;
    emailForwarding: { address: string; refusedCount: number };
    inboundEmails: { edges: { node: { id: string; status: string; classification: string | null; company: string | null; application: { id: string } | null } }[] };
    applications: { edges: { node: { id: string; stage: { kind: string }; manualJob: { title: string; companyName: string | null } | null; history: { toStage: { kind: string }; changedBy: { id: string } | null }[] } }[] };
  };
}
const viewer = async (member: Member) => dataOf(await member.request<ViewerData>(viewerQuery)).viewer;

/** `pnpm email:send` as a user runs it, against this test's stack. */
async function emailSend(member: Member, file: string): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [`${root}scripts/src/email-send.ts`, file, '--email', member.email, '--password', 'a long and unusual passphrase'], {
    env: { ...process.env, GATEWAY_URL: story().stack.gatewayUrl, PIPELINE_URL: story().stack.subgraphs.pipeline.url.replace(/\/graphql$/, ''), INBOUND_EMAIL_RAW_SECRET: secret },
    timeout: 20_000,
  });
  return stdout;
}

describe('email ingestion through the local stack', () => {
  it('pnpm email:send delivers a forwarded message, and the application appears through the gateway', async () => {
    const ada = await story().candidate('Ada Forwarder');
    const before = await viewer(ada);
    expect(before.emailForwarding.address).toMatch(/^[a-z2-7]{26}@in\.jobgraph\.test$/);
    expect(before.applications.edges).toEqual([]);

    const output = await emailSend(ada, fixture('workday-confirmation-contoso'));
    expect(output).toContain('"status":"applied"');
    expect(output).toContain('Contoso — Data Analyst II: Applied');
    await emailSend(ada, fixture('workday-rejection-contoso'));

    const after = await viewer(ada);
    expect(after.applications.edges.map((e) => e.node)).toEqual([
      { id: expect.any(String), stage: { kind: 'REJECTED' }, manualJob: { title: 'Data Analyst II', companyName: 'Contoso' }, history: [{ toStage: { kind: 'APPLIED' }, changedBy: null }, { toStage: { kind: 'REJECTED' }, changedBy: null }] },
    ]);
    expect(after.inboundEmails.edges.map((e) => [e.node.classification, e.node.status])).toEqual([
      ['REJECTION', 'APPLIED'],
      ['CONFIRMATION', 'APPLIED'],
    ]);
    // h8: the timeline names the parser as the author of the stage changes and of an EMAIL entry per message.
    const timeline = dataOf(
      await ada.request<{ application: { timeline: { edges: { node: { kind: string; author: string; editable: boolean; payload: { classification?: string; inboundEmail?: { id: string } } } }[] } } }>(
        'query ($id: UUID!) { application(id: $id) { timeline(first: 10) { edges { node { kind author editable payload { ... on TimelineEmail { classification inboundEmail { id } } } } } } } }',
        { id: after.applications.edges[0]?.node.id },
      ),
    ).application.timeline.edges.map((e) => e.node);
    expect(timeline.map((e) => `${e.kind}:${e.author}:${String(e.editable)}`).sort()).toEqual(['EMAIL:PARSER:false', 'EMAIL:PARSER:false', 'STAGE_CHANGE:PARSER:false', 'STAGE_CHANGE:PARSER:false']);
    expect(timeline.filter((e) => e.kind === 'EMAIL').map((e) => e.payload.classification).sort()).toEqual(['CONFIRMATION', 'REJECTION']);
    expect(timeline.filter((e) => e.kind === 'EMAIL').map((e) => e.payload.inboundEmail?.id).sort()).toEqual(after.inboundEmails.edges.map((e) => e.node.id).sort());
  });

  it('answers another user inbound email as NOT_FOUND and refuses hostile trusted-sender input', async () => {
    const ada = await story().candidate('Ada Owner');
    const mallory = await story().candidate('Mallory Other');
    await emailSend(ada, fixture('greenhouse-confirmation-northwind'));
    const adasEmail = (await viewer(ada)).inboundEmails.edges[0]?.node.id;
    expect(adasEmail).toBeDefined();

    const confirm = dataOf(await mallory.request<{ confirmInboundEmail: { inboundEmail: unknown; errors: { code: string }[] } }>('mutation ($id: UUID!) { confirmInboundEmail(input: { id: $id }) { inboundEmail { id } errors { code } } }', { id: adasEmail }));
    expect(confirm.confirmInboundEmail).toEqual({ inboundEmail: null, errors: [{ code: 'NOT_FOUND' }] });
    const dismiss = dataOf(await mallory.request<{ dismissInboundEmail: { inboundEmail: unknown; errors: { code: string }[] } }>('mutation ($id: UUID!) { dismissInboundEmail(input: { id: $id }) { inboundEmail { id } errors { code } } }', { id: adasEmail }));
    expect(dismiss.dismissInboundEmail).toEqual({ inboundEmail: null, errors: [{ code: 'NOT_FOUND' }] });
    expect((await viewer(mallory)).inboundEmails.edges).toEqual([]);

    const add = async (sender: string) => dataOf(await mallory.request<{ addTrustedSender: { errors: { code: string }[] } }>('mutation ($s: String!) { addTrustedSender(input: { sender: $s }) { errors { code } } }', { s: sender })).addTrustedSender.errors.map((e) => e.code);
    expect(await add(`${'a'.repeat(300)}.com`)).toEqual(['TOO_LONG']);
    expect(refusedAtTheEdge(await mallory.request('mutation ($s: String!) { addTrustedSender(input: { sender: $s }) { errors { code } } }', { s: 'evil\u0000.com' }))).toBe('BAD_USER_INPUT');
    expect(await add('<script>@x.com')).toEqual(['INVALID_SENDER']);
    expect(await add('outlook.com')).toEqual(['TOO_BROAD']);

    const badId = await mallory.request('mutation ($id: UUID!) { dismissInboundEmail(input: { id: $id }) { errors { code } } }', { id: 'not-a-uuid' });
    expect(badId.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const anonymous = await story().anonymous('mutation { regenerateForwardingAddress { errors { code } } }');
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
