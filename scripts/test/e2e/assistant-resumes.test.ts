import { describe, expect, it } from 'vitest';
import { createKafkaTransport, createLogger } from '@jobgraph/kit';
import { eventually } from '@jobgraph/kit/testing';
import { kafkaBrokers } from '../../src/testing/kafka-brokers.ts';
import { dataOf } from './graphql-client.ts';
import { createCompany, postJob } from './operations.ts';
import { useStory, type Member } from './story.ts';

/** Listings reach the assistant through catalog's events, on the real broker. */
const story = useStory({
  events: () => createKafkaTransport({ brokers: kafkaBrokers(), clientId: 'e2e-assistant-resumes', logger: createLogger('kafka', 'silent'), namespace: `e2e-${crypto.randomUUID().slice(0, 8)}` }),
});

const versionFields = 'id title isBase listing { id } sections atsScore keywords missingKeywords diffFromBase analysis { overall subScores { kind score explanation } suggestions } downloadUrl';
const saveBase = `mutation ($input: SaveBaseResumeInput!) { saveBaseResume(input: $input) { resumeVersion { ${versionFields} } errors { field code message } } }`;
const tailor = `mutation ($input: TailorResumeInput!) { tailorResume(input: $input) { resumeVersion { ${versionFields} } errors { field code message } } }`;
const remove = `mutation ($id: UUID!) { deleteResumeVersion(id: $id) { deletedId errors { code } } }`;
const versions = `{ viewer { resumeVersions(first: 10) { edges { node { id isBase atsScore diffFromBase } } } } }`;
const jobFit = `query ($id: UUID!) { job(id: $id) { id viewerFit { score } } }`;

interface Version {
  id: string;
  isBase: boolean;
  listing: { id: string } | null;
  sections: Record<string, unknown>;
  atsScore: number | null;
  keywords: string[];
  missingKeywords: string[];
  diffFromBase: Record<string, unknown> | null;
  analysis: { overall: number; subScores: { kind: string; score: number }[]; suggestions: string[] };
  downloadUrl: string;
}
type Payload<K extends string> = Record<K, { resumeVersion: Version | null; errors: { field: string[]; code: string; message: string }[] }>;

const base = {
  summary: 'Backend engineer building payment systems.',
  skills: ['TypeScript', 'Postgres', 'Docker'],
  experience: [{ company: 'Fjord Payments', role: 'Senior Backend Engineer', start: '2021-03', end: null, bullets: ['Built the ledger service handling 4 million payments a day', 'Mentored five engineers'] }],
  education: [{ school: 'University of Edinburgh', degree: 'BSc Computer Science', year: '2014' }],
};

async function listing(employer: Member): Promise<string> {
  const companyId = dataOf(await employer.request<{ createCompany: { company: { id: string } } }>(createCompany, { input: { name: `Resume Co ${crypto.randomUUID().slice(0, 6)}` } })).createCompany.company.id;
  return dataOf(
    await employer.request<{ createJobListing: { jobListing: { id: string } } }>(postJob, {
      input: { companyId, title: 'Backend Engineer', description: 'Payments.', employmentType: 'FULL_TIME', remoteType: 'REMOTE', publish: true, tags: ['TypeScript', 'PostgreSQL', 'Kafka', 'Kubernetes'] },
    }),
  ).createJobListing.jobListing.id;
}

describe('resume versions through the gateway (AS-09, AS-10)', () => {
  it('keeps a base and tailored versions with ATS keyword coverage, a diff from the base, an analysis and a PDF', async () => {
    const listingId = await listing(await story().employer('Erin Resumes'));
    const ada = await story().candidate('Ada Resumes');
    const saved = dataOf(await ada.request<Payload<'saveBaseResume'>>(saveBase, { input: { sections: base } })).saveBaseResume;
    expect(saved.errors).toEqual([]);
    expect(saved.resumeVersion).toMatchObject({ isBase: true, listing: null, atsScore: null, diffFromBase: null, sections: base });
    expect(saved.resumeVersion?.analysis.subScores.map((s) => s.kind)).toEqual(['completeness', 'achievements', 'action_verbs', 'skills', 'length']);
    expect(saved.resumeVersion?.analysis.subScores[0]?.score).toBe(100);
    expect(saved.resumeVersion?.analysis.suggestions).toContain('List at least 8 skills, spelled the way job listings spell them.');
    const pdf = await fetch(saved.resumeVersion?.downloadUrl ?? '');
    expect(pdf.status).toBe(200);
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');

    await eventually(async () => dataOf(await ada.request<{ job: { viewerFit: unknown } }>(jobFit, { id: listingId })).job.viewerFit !== null, 30_000);
    const copy = dataOf(await ada.request<Payload<'tailorResume'>>(tailor, { input: { listingId } })).tailorResume;
    expect(copy.errors).toEqual([]);
    // "Postgres" is the listing's "postgresql": two of its four keywords are named.
    expect(copy.resumeVersion).toMatchObject({ isBase: false, listing: { id: listingId }, atsScore: 50, keywords: ['typescript', 'postgresql'], missingKeywords: ['kafka', 'kubernetes'], diffFromBase: null });

    const tailoredSections = { ...base, skills: [...base.skills, 'Kubernetes'], experience: [{ ...base.experience[0], bullets: ['Built the ledger service on Kafka, 4 million payments a day', 'Mentored five engineers'] }] };
    const tailored = dataOf(await ada.request<Payload<'tailorResume'>>(tailor, { input: { listingId, title: 'For the backend role', sections: tailoredSections } })).tailorResume;
    expect(tailored.resumeVersion).toMatchObject({ atsScore: 100, missingKeywords: [] });
    expect(Object.keys(tailored.resumeVersion?.diffFromBase ?? {}).sort()).toEqual(['experience', 'skills']);

    // A new base: every tailored version is diffed from it again.
    const newBase = dataOf(await ada.request<Payload<'saveBaseResume'>>(saveBase, { input: { title: 'Base', sections: tailoredSections } })).saveBaseResume;
    expect(newBase.resumeVersion?.id).toBe(saved.resumeVersion?.id);
    const listed = dataOf(await ada.request<{ viewer: { resumeVersions: { edges: { node: { id: string; isBase: boolean; diffFromBase: unknown } }[] } } }>(versions));
    const byId = new Map(listed.viewer.resumeVersions.edges.map((e) => [e.node.id, e.node]));
    expect(byId.size).toBe(3);
    expect(byId.get(tailored.resumeVersion?.id ?? '')?.diffFromBase).toBeNull();
    expect(byId.get(copy.resumeVersion?.id ?? '')?.diffFromBase).not.toBeNull();
  });

  it('refuses sections the schema does not allow, with the path, and answers another user’s version and unknown listings as not found', async () => {
    const ada = await story().candidate('Ada Strict');
    const bad = dataOf(await ada.request<Payload<'saveBaseResume'>>(saveBase, { input: { sections: { experience: [{ company: 'Acme' }], hobbies: ['chess'], skills: ['x'.repeat(51)] } } })).saveBaseResume;
    expect(bad.resumeVersion).toBeNull();
    expect(bad.errors.map((e) => [e.code, e.field.join('.')]).sort()).toEqual([
      ['INVALID_SECTIONS', 'input.sections.experience.0.role'],
      ['INVALID_SECTIONS', 'input.sections.hobbies'],
      ['INVALID_SECTIONS', 'input.sections.skills.0'],
    ]);
    const own = dataOf(await ada.request<Payload<'saveBaseResume'>>(saveBase, { input: { sections: base } })).saveBaseResume.resumeVersion;

    const mallory = await story().candidate('Mallory Resumes');
    expect(dataOf(await mallory.request<{ deleteResumeVersion: { errors: { code: string }[] } }>(remove, { id: own?.id })).deleteResumeVersion.errors.map((e) => e.code)).toEqual(['NOT_FOUND']);
    expect(dataOf(await mallory.request<{ viewer: { resumeVersions: { edges: unknown[] } } }>(versions)).viewer.resumeVersions.edges).toEqual([]);
    const noBase = dataOf(await mallory.request<Payload<'tailorResume'>>(tailor, { input: { listingId: crypto.randomUUID() } })).tailorResume;
    expect(noBase.errors.map((e) => e.code).sort()).toEqual(['NOT_FOUND', 'NO_BASE']);

    // An altered download link is refused; the owner's own link works until the version is deleted.
    const link = new URL(own?.downloadUrl ?? '');
    link.searchParams.set('key', link.searchParams.get('key')?.replace(ada.id.toLowerCase(), mallory.id.toLowerCase()) ?? '');
    expect((await fetch(link)).status).toBe(403);
    expect(dataOf(await ada.request<{ deleteResumeVersion: { deletedId: string } }>(remove, { id: own?.id })).deleteResumeVersion.deletedId).toBe(own?.id);
    expect((await fetch(own?.downloadUrl ?? '')).status).toBe(404);
  });
});
