import { describe, expect, it } from 'vitest';
import { createKafkaTransport, createLogger } from '@jobgraph/kit';
import { eventually } from '@jobgraph/kit/testing';
import { kafkaBrokers } from '../../src/testing/kafka-brokers.ts';
import { dataOf, refusedAtTheEdge } from './graphql-client.ts';
import { apply } from './operations.ts';
import { useStory, type Member } from './story.ts';

/** Pipeline's applications reach the assistant through events, on the real broker. */
const story = useStory({
  events: () => createKafkaTransport({ brokers: kafkaBrokers(), clientId: 'e2e-assistant-jd', logger: createLogger('kafka', 'silent'), namespace: `e2e-${crypto.randomUUID().slice(0, 8)}` }),
});

const jdFields = 'id jobTitle companyName text contentHash requirements skills application { id stage { name } } createdAt';
const save = `mutation ($input: SaveJobDescriptionInput!) { saveJobDescription(input: $input) { jobDescription { ${jdFields} } duplicate errors { field code message } } }`;
const link = `mutation ($input: LinkJobDescriptionInput!) { linkJobDescription(input: $input) { jobDescription { id application { id } } errors { field code } } }`;
const remove = `mutation ($id: UUID!) { deleteJobDescription(id: $id) { deletedId errors { code } } }`;
const list = `{ viewer { jobDescriptions(first: 10) { edges { node { id application { id } } } } } }`;

interface Jd {
  id: string;
  jobTitle: string | null;
  contentHash: string;
  requirements: string[];
  skills: string[];
  application: { id: string; stage: { name: string } } | null;
}
interface Saved {
  saveJobDescription: { jobDescription: Jd | null; duplicate: boolean; errors: { field: string[]; code: string }[] };
}

const posting = `Platform Engineer

Requirements
- 4+ years running production systems
- Experience with Terraform and Postgres
- Comfortable on-call

Benefits
- Remote first`;

async function application(member: Member): Promise<string> {
  const created = dataOf(await member.request<{ createApplication: { application: { id: string } } }>(apply, { input: { manualJob: { title: 'Platform Engineer', companyName: 'Fjord' } } }));
  return created.createApplication.application.id;
}

const saveAs = async (member: Member, input: Record<string, unknown>) => dataOf(await member.request<Saved>(save, { input })).saveJobDescription;

describe('saved job descriptions through the gateway (AS-11)', () => {
  it('saves a pasted description once per text, reads its requirements, and links it to the user’s own application', async () => {
    const ada = await story().candidate('Ada Postings');
    const first = await saveAs(ada, { text: posting, jobTitle: 'Platform Engineer', companyName: 'Fjord' });
    expect(first.errors).toEqual([]);
    expect(first.duplicate).toBe(false);
    expect(first.jobDescription).toMatchObject({ jobTitle: 'Platform Engineer', application: null, requirements: ['4+ years running production systems', 'Experience with Terraform and Postgres', 'Comfortable on-call'] });
    expect(first.jobDescription?.contentHash).toMatch(/^[0-9a-f]{64}$/);

    // The same posting copied again, with other line breaks, bullets and case: the one already saved.
    const again = await saveAs(ada, { text: posting.replace(/- /g, '• ').replace(/\n/g, '\r\n').toUpperCase() });
    expect(again).toMatchObject({ duplicate: true, errors: [], jobDescription: { id: first.jobDescription?.id, jobTitle: 'Platform Engineer' } });

    const applicationId = await application(ada);
    // Linking works once pipeline's ApplicationCreated has reached the assistant.
    const linked = await eventually(async () => {
      const result = dataOf(await ada.request<{ linkJobDescription: { jobDescription: { application: { id: string } | null } | null; errors: unknown[] } }>(link, { input: { id: first.jobDescription?.id, applicationId } }));
      return result.linkJobDescription.jobDescription ? result.linkJobDescription : null;
    }, 30_000);
    expect(linked.jobDescription?.application).toEqual({ id: applicationId });
    // The application resolves through pipeline, which owns it.
    const listed = dataOf(await ada.request<{ viewer: { jobDescriptions: { edges: { node: { id: string; application: { id: string } | null } }[] } } }>(list));
    expect(listed.viewer.jobDescriptions.edges.map((e) => e.node)).toEqual([{ id: first.jobDescription?.id, application: { id: applicationId } }]);

    // A second description can be saved already linked; unlinking sets it free.
    const second = await saveAs(ada, { text: 'Data Engineer\nRequirements\n- SQL', applicationId });
    expect(second.jobDescription?.application?.id).toBe(applicationId);
    const unlinked = dataOf(await ada.request<{ linkJobDescription: { jobDescription: { application: unknown } } }>(link, { input: { id: second.jobDescription?.id, applicationId: null } }));
    expect(unlinked.linkJobDescription.jobDescription.application).toBeNull();
    expect(dataOf(await ada.request<{ deleteJobDescription: { deletedId: string } }>(remove, { id: second.jobDescription?.id })).deleteJobDescription.deletedId).toBe(second.jobDescription?.id);
  });

  it('answers another user’s description or application as not found, and refuses empty, huge or NUL text', async () => {
    const ada = await story().candidate('Ada Guarded');
    const adasApplication = await application(ada);
    const adas = (await saveAs(ada, { text: posting })).jobDescription;
    const mallory = await story().candidate('Mallory Postings');
    const malloryOwn = (await saveAs(mallory, { text: 'Mallory’s own posting' })).jobDescription;

    // Once the assistant knows Ada's application, it is still not Mallory's to link.
    await eventually(async () => {
      const own = dataOf(await ada.request<{ linkJobDescription: { errors: unknown[] } }>(link, { input: { id: adas?.id, applicationId: adasApplication } }));
      return own.linkJobDescription.errors.length === 0;
    }, 30_000);
    const hijack = dataOf(await mallory.request<{ linkJobDescription: { jobDescription: unknown; errors: { field: string[]; code: string }[] } }>(link, { input: { id: malloryOwn?.id, applicationId: adasApplication } }));
    expect(hijack.linkJobDescription).toEqual({ jobDescription: null, errors: [{ field: ['input', 'applicationId'], code: 'NOT_FOUND' }] });
    expect(await saveAs(mallory, { text: 'Another posting', applicationId: adasApplication })).toMatchObject({ jobDescription: null, errors: [{ code: 'NOT_FOUND' }] });
    const steal = dataOf(await mallory.request<{ linkJobDescription: { errors: { code: string }[] } }>(link, { input: { id: adas?.id, applicationId: null } }));
    expect(steal.linkJobDescription.errors.map((e) => e.code)).toEqual(['NOT_FOUND']);
    expect(dataOf(await mallory.request<{ deleteJobDescription: { errors: { code: string }[] } }>(remove, { id: adas?.id })).deleteJobDescription.errors.map((e) => e.code)).toEqual(['NOT_FOUND']);
    // Mallory saving Ada's text gets her own copy, never Ada's.
    const copy = await saveAs(mallory, { text: posting });
    expect(copy).toMatchObject({ duplicate: false, jobDescription: { application: null } });
    expect(copy.jobDescription?.id).not.toBe(adas?.id);
    const mallorys = dataOf(await mallory.request<{ viewer: { jobDescriptions: { edges: { node: { id: string } }[] } } }>(list));
    expect(mallorys.viewer.jobDescriptions.edges.map((e) => e.node.id).sort()).toEqual([malloryOwn?.id, copy.jobDescription?.id].sort());

    expect((await saveAs(ada, { text: ' \n\t ' })).errors.map((e) => e.code)).toEqual(['REQUIRED']);
    expect((await saveAs(ada, { text: 'x'.repeat(50_001) })).errors.map((e) => e.code)).toEqual(['TOO_LONG']);
    expect(refusedAtTheEdge(await ada.request(save, { input: { text: 'bad\u0000text' } }))).toBe('BAD_USER_INPUT');
  });
});
