import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { createKafkaTransport, createLogger } from '@jobgraph/kit';
import { eventually } from '@jobgraph/kit/testing';
import { kafkaBrokers } from '../../src/testing/kafka-brokers.ts';
import { dataOf } from './graphql-client.ts';
import { createCompany, postJob } from './operations.ts';
import { useStory, type Member } from './story.ts';

/** Catalog's listings (and so the tag vocabulary) reach the assistant through events, on the real broker. */
const story = useStory({
  events: () => createKafkaTransport({ brokers: kafkaBrokers(), clientId: 'e2e-assistant-cv', logger: createLogger('kafka', 'silent'), namespace: `e2e-${crypto.randomUUID().slice(0, 8)}` }),
});

const fixtures = new URL('../../../subgraphs/assistant/test/fixtures/cv/', import.meta.url);
const pdfType = 'application/pdf';
const docxType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const parsedFields = /* GraphQL */ `
  contact { name email phone location links }
  headline summary languages certifications
  experience { title company location start end isCurrent bullets }
  education { institution degree fieldOfStudy start end isCurrent }
  skills { name tag }
`;
const requestUpload = /* GraphQL */ `
  mutation ($input: RequestDocumentUploadInput!) { requestDocumentUpload(input: $input) { document { id } upload { url method headers { name value } } errors { code } } }
`;
const complete = `mutation ($id: UUID!) { completeDocumentUpload(id: $id) { document { id status parsedCv { ${parsedFields} } } errors { code } } }`;
const applyCv = /* GraphQL */ `
  mutation ($input: ApplyParsedCvInput!) {
    applyParsedCv(input: $input) {
      careerProfile { headline summary skills currentTitle currentCompany educationLevel
        workExperience { company role startDate endDate isCurrent achievements }
        education { institution degree fieldOfStudy endDate } }
      errors { field code message }
    }
  }
`;
const jobFit = `query ($id: UUID!) { job(id: $id) { id viewerFit { score } } }`;

interface ParsedCv {
  contact: { name: string | null; email: string | null; phone: string | null; location: string | null; links: string[] };
  headline: string | null;
  summary: string | null;
  experience: { title: string; company: string | null; start: string | null; end: string | null; isCurrent: boolean; bullets: string[] }[];
  education: { institution: string | null; degree: string | null; end: string | null }[];
  skills: { name: string; tag: string | null }[];
}
interface Applied {
  applyParsedCv: {
    careerProfile: {
      summary: string | null;
      skills: string[];
      currentTitle: string | null;
      currentCompany: string | null;
      educationLevel: string | null;
      workExperience: { company: string; role: string; startDate: string | null; endDate: string | null; isCurrent: boolean; achievements: string[] }[];
      education: { institution: string; degree: string | null; endDate: string | null }[];
    } | null;
    errors: { field: string[]; code: string }[];
  };
}

async function upload(member: Member, file: string, contentType: string, kind = 'RESUME'): Promise<string> {
  const bytes = await readFile(new URL(file, fixtures));
  const requested = dataOf(await member.request<{ requestDocumentUpload: { document: { id: string }; upload: { url: string; method: string; headers: { name: string; value: string }[] } } }>(requestUpload, { input: { kind, fileName: file, contentType, sizeBytes: bytes.length } }));
  const { document, upload: target } = requested.requestDocumentUpload;
  const put = await fetch(target.url, { method: target.method, body: bytes, headers: Object.fromEntries(target.headers.map((h) => [h.name, h.value])) });
  expect(put.status).toBe(200);
  return document.id;
}

const completeAs = async (member: Member, id: string) =>
  dataOf(await member.request<{ completeDocumentUpload: { document: { id: string; status: string; parsedCv: ParsedCv | null } | null; errors: { code: string }[] } }>(complete, { id })).completeDocumentUpload;

const applyAs = async (member: Member, documentId: string, sections: string[]) => dataOf(await member.request<Applied>(applyCv, { input: { documentId, sections } })).applyParsedCv;

describe('CV parsing through the gateway (AS-07)', () => {
  it('reads an uploaded PDF CV into sections, names skills by the catalog’s tags, and fills the profile on confirmation', async () => {
    // An employer's listing puts its tags into the vocabulary the assistant normalizes skills against.
    const employer = await story().employer('Erin Tags');
    const companyId = dataOf(await employer.request<{ createCompany: { company: { id: string } } }>(createCompany, { input: { name: `Tags Co ${crypto.randomUUID().slice(0, 6)}` } })).createCompany.company.id;
    const posted = dataOf(
      await employer.request<{ createJobListing: { jobListing: { id: string } } }>(postJob, {
        input: { companyId, title: 'Platform Engineer', description: 'Keep the lights on.', employmentType: 'FULL_TIME', remoteType: 'REMOTE', publish: true, tags: ['Kubernetes', 'Terraform'] },
      }),
    ).createJobListing.jobListing.id;
    const ada = await story().candidate('Ada Parsed');
    // The listing's projection and the vocabulary are written in the same transaction.
    await eventually(async () => dataOf(await ada.request<{ job: { viewerFit: unknown } }>(jobFit, { id: posted })).job.viewerFit !== null, 30_000);

    const expected = JSON.parse(await readFile(new URL('cv-05.json', fixtures), 'utf8'));
    const id = await upload(ada, 'cv-05.pdf', pdfType);
    const checked = await completeAs(ada, id);
    expect(checked.errors).toEqual([]);
    const cv = checked.document?.parsedCv;
    if (!cv) throw new Error('no parsed CV');
    expect(cv.contact).toMatchObject({ name: expected.contact.name, email: expected.contact.email, phone: expected.contact.phone, location: expected.contact.location });
    expect(cv.summary).toBe(expected.summary);
    expect(cv.experience.map((job) => ({ title: job.title, company: job.company, start: job.start, end: job.isCurrent ? null : job.end }))).toEqual(expected.experience);
    expect(cv.experience[0]?.bullets.length).toBeGreaterThan(0);
    expect(cv.education.map((school) => ({ institution: school.institution, degree: school.degree }))).toEqual(expected.education.map(({ institution, degree }: { institution: string; degree: string }) => ({ institution, degree })));
    // "K8s" is the catalog's "kubernetes"; "Linux" is a skill no listing uses yet.
    expect(cv.skills).toContainEqual({ name: 'K8s', tag: 'kubernetes' });
    expect(cv.skills).toContainEqual({ name: 'Terraform', tag: 'terraform' });
    expect(cv.skills).toContainEqual({ name: 'Linux', tag: null });

    const applied = await applyAs(ada, id, ['SUMMARY', 'EXPERIENCE', 'EDUCATION', 'SKILLS']);
    expect(applied.errors).toEqual([]);
    const profile = applied.careerProfile;
    expect(profile?.summary).toBe(expected.summary);
    expect(profile?.skills).toEqual(cv.skills.map((skill) => skill.name));
    expect(profile?.workExperience.map((job) => `${job.role} @ ${job.company}`)).toEqual(expected.experience.map((job: { title: string; company: string }) => `${job.title} @ ${job.company}`));
    expect(profile?.workExperience[1]).toMatchObject({ startDate: `${expected.experience[1].start}-01`, endDate: `${expected.experience[1].end}-01`, isCurrent: false });
    expect(profile?.workExperience[0]?.achievements.length).toBeGreaterThan(0);
    expect(profile?.education.map((school) => school.institution)).toEqual(expected.education.map((school: { institution: string }) => school.institution));
    expect(profile?.educationLevel).toBe('BACHELOR');

    // Confirming again adds nothing twice.
    const again = await applyAs(ada, id, ['EXPERIENCE', 'EDUCATION', 'SKILLS']);
    expect(again.careerProfile?.workExperience).toHaveLength(expected.experience.length);
    expect(again.careerProfile?.education).toHaveLength(expected.education.length);
    expect(again.careerProfile?.skills).toEqual(profile?.skills);
  });

  it('reads a Word CV, and its current job becomes the current title and company', async () => {
    const bo = await story().candidate('Bo Word');
    const expected = JSON.parse(await readFile(new URL('cv-10.json', fixtures), 'utf8'));
    const id = await upload(bo, 'cv-10.docx', docxType);
    const cv = (await completeAs(bo, id)).document?.parsedCv;
    expect(cv?.experience.map((job) => `${job.title} @ ${job.company}`)).toEqual(expected.experience.map((job: { title: string; company: string }) => `${job.title} @ ${job.company}`));
    expect(cv?.skills.map((skill) => skill.name.toLowerCase())).toEqual(expect.arrayContaining(['docker', 'graphql']));
    const applied = await applyAs(bo, id, ['EXPERIENCE']);
    expect(applied.careerProfile).toMatchObject({ currentTitle: expected.experience[0].title, currentCompany: expected.experience[0].company, skills: [] });
  });

  it('answers another user’s CV as not found, and refuses a document without a parsed CV or no section', async () => {
    const ada = await story().candidate('Ada Own');
    const id = await upload(ada, 'cv-31.pdf', pdfType);
    expect((await completeAs(ada, id)).document?.parsedCv?.contact.name).toBeTruthy();
    const mallory = await story().candidate('Mallory Reads');
    expect(await applyAs(mallory, id, ['SUMMARY'])).toMatchObject({ careerProfile: null, errors: [{ code: 'NOT_FOUND', field: ['input', 'documentId'] }] });
    expect(await applyAs(mallory, crypto.randomUUID(), ['SUMMARY'])).toMatchObject({ errors: [{ code: 'NOT_FOUND' }] });
    expect(await applyAs(ada, id, [])).toMatchObject({ careerProfile: null, errors: [{ code: 'REQUIRED' }] });

    // A cover letter is not parsed; neither is a PDF without a text layer.
    const letter = await upload(ada, 'cv-31.pdf', pdfType, 'COVER_LETTER');
    expect((await completeAs(ada, letter)).document).toMatchObject({ status: 'READY', parsedCv: null });
    expect(await applyAs(ada, letter, ['SUMMARY'])).toMatchObject({ errors: [{ code: 'NOT_PARSED' }] });
    const empty = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const requested = dataOf(await ada.request<{ requestDocumentUpload: { document: { id: string }; upload: { url: string; headers: { name: string; value: string }[] } } }>(requestUpload, { input: { kind: 'RESUME', fileName: 'scan.pdf', contentType: pdfType, sizeBytes: empty.length } }));
    await fetch(requested.requestDocumentUpload.upload.url, { method: 'PUT', body: empty, headers: { 'content-type': pdfType } });
    const scan = await completeAs(ada, requested.requestDocumentUpload.document.id);
    expect(scan.document).toMatchObject({ status: 'READY', parsedCv: null });
    expect(await applyAs(ada, requested.requestDocumentUpload.document.id, ['SKILLS'])).toMatchObject({ errors: [{ code: 'NOT_PARSED' }] });
  });
});
