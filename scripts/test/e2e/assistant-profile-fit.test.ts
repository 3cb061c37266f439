import { describe, expect, it } from 'vitest';
import { createKafkaTransport, createLogger } from '@jobgraph/kit';
import { eventually } from '@jobgraph/kit/testing';
import { kafkaBrokers } from '../../src/testing/kafka-brokers.ts';
import { dataOf, refusedAtTheEdge } from './graphql-client.ts';
import { createCompany, postJob } from './operations.ts';
import { useStory, type Member } from './story.ts';

/** Listings reach the assistant through catalog's events, on the real broker. */
const story = useStory({
  events: () => createKafkaTransport({ brokers: kafkaBrokers(), clientId: 'e2e-assistant', logger: createLogger('kafka', 'silent'), namespace: `e2e-${crypto.randomUUID().slice(0, 8)}` }),
});

const profileFields = /* GraphQL */ `
  headline currentTitle currentCompany educationLevel languages
  preferences { desiredTitles levels jobTypes availability workAuthorizations functions industries desiredSalary { amountCents currency } desiredSalaryMax { amountCents currency } }
  education { id institution degree fieldOfStudy startDate endDate isCurrent grade }
  workExperience { id company role startDate endDate isCurrent achievements skillsUsed }
  projects { id title description technologies url }
`;
const updateProfile = /* GraphQL */ `
  mutation ($input: UpdateCareerProfileInput!) { updateCareerProfile(input: $input) { careerProfile { ${profileFields} } errors { field code message } } }
`;
const saveEducation = /* GraphQL */ `
  mutation ($input: SaveEducationInput!) { saveEducation(input: $input) { careerProfile { education { id institution degree startDate endDate isCurrent } } errors { field code message } } }
`;
const saveWork = /* GraphQL */ `
  mutation ($input: SaveWorkExperienceInput!) { saveWorkExperience(input: $input) { careerProfile { workExperience { id company role skillsUsed isCurrent } } errors { field code message } } }
`;
const saveProjects = /* GraphQL */ `
  mutation ($input: SaveProjectsInput!) { saveProjects(input: $input) { careerProfile { projects { id title url technologies } } errors { field code message } } }
`;
const fitFields = 'score recommended rationale salaryEstimate { amountCents currency } factors { kind weight match points known explanation }';
const matches = /* GraphQL */ `
  query ($first: Int, $after: String) { viewer { jobMatches(first: $first, after: $after) { edges { cursor node { listing { id title } recommended viewed fit { ${fitFields} } } } pageInfo { hasNextPage endCursor } } } }
`;
const jobFit = /* GraphQL */ `query ($id: UUID!) { job(id: $id) { id title viewerFit { ${fitFields} } } }`;

interface Errors {
  errors: { field: string[]; code: string; message: string }[];
}
interface Fit {
  score: number;
  recommended: boolean;
  rationale: string;
  factors: { kind: string; weight: number; match: number; points: number; known: boolean; explanation: string }[];
}
interface MatchPage {
  viewer: { jobMatches: { edges: { cursor: string; node: { listing: { id: string; title: string }; recommended: boolean; viewed: boolean; fit: Fit } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
}

async function company(employer: Member): Promise<string> {
  const created = dataOf(await employer.request<{ createCompany: { company: { id: string } } }>(createCompany, { input: { name: `Fit Co ${crypto.randomUUID().slice(0, 6)}` } }));
  return created.createCompany.company.id;
}

async function post(employer: Member, companyId: string, input: Record<string, unknown>): Promise<string> {
  const listing = dataOf(
    await employer.request<{ createJobListing: { jobListing: { id: string } | null; errors: unknown[] } }>(postJob, {
      input: { companyId, description: 'Real work for real people.', employmentType: 'FULL_TIME', publish: true, ...input },
    }),
  );
  expect(listing.createJobListing.errors).toEqual([]);
  return listing.createJobListing.jobListing?.id ?? '';
}

describe('the extended career profile (AS-03 to AS-06)', () => {
  it('saves facts, preferences and ordered education, experience and projects, and reorders them keeping ids', async () => {
    const ada = await story().candidate('Ada Profile');
    const facts = dataOf(
      await ada.request<{ updateCareerProfile: Errors & { careerProfile: Record<string, unknown> } }>(updateProfile, {
        input: {
          currentTitle: 'Staff Engineer',
          currentCompany: 'Analytical Engines',
          educationLevel: 'MASTER',
          languages: ['English', 'French'],
          levels: ['SENIOR', 'LEAD'],
          jobTypes: ['FULL_TIME', 'CONTRACT'],
          availability: 'WITHIN_MONTH',
          workAuthorizations: ['EU citizen'],
          functions: ['Engineering'],
          industries: ['Fintech'],
          desiredSalary: { amountCents: 9_000_000, currency: 'EUR', maxAmountCents: 12_000_000 },
        },
      }),
    );
    expect(facts.updateCareerProfile.errors).toEqual([]);
    expect(facts.updateCareerProfile.careerProfile).toMatchObject({
      currentTitle: 'Staff Engineer',
      educationLevel: 'MASTER',
      preferences: { levels: ['SENIOR', 'LEAD'], jobTypes: ['FULL_TIME', 'CONTRACT'], availability: 'WITHIN_MONTH', desiredSalaryMax: { amountCents: 12_000_000, currency: 'EUR' } },
    });

    const first = dataOf(
      await ada.request<{ saveEducation: Errors & { careerProfile: { education: { id: string; institution: string; startDate: string | null }[] } } }>(saveEducation, {
        input: {
          entries: [
            { institution: 'University of London', degree: 'MSc Mathematics', startDate: '2010-09-01', endDate: '2012-06-30' },
            { institution: 'King’s College', degree: 'BSc', startDate: '2007-09-01', endDate: '2010-06-30', grade: 'First class' },
          ],
        },
      }),
    );
    expect(first.saveEducation.errors).toEqual([]);
    const [london, kings] = first.saveEducation.careerProfile.education;
    expect(london).toMatchObject({ institution: 'University of London', startDate: '2010-09-01' });

    // Reorder and edit: both keep their ids.
    const reordered = dataOf(
      await ada.request<{ saveEducation: Errors & { careerProfile: { education: { id: string; institution: string; degree: string }[] } } }>(saveEducation, {
        input: { entries: [{ id: kings?.id, institution: 'King’s College London', degree: 'BSc' }, { id: london?.id, institution: 'University of London', degree: 'MSc' }] },
      }),
    );
    expect(reordered.saveEducation.careerProfile.education.map((e) => [e.id, e.institution, e.degree])).toEqual([
      [kings?.id, 'King’s College London', 'BSc'],
      [london?.id, 'University of London', 'MSc'],
    ]);

    const work = dataOf(
      await ada.request<{ saveWorkExperience: Errors & { careerProfile: { workExperience: { company: string; skillsUsed: string[] }[] } } }>(saveWork, {
        input: {
          entries: [
            { company: 'Analytical Engines', role: 'Staff Engineer', startDate: '2020-01-01', isCurrent: true, skillsUsed: ['TypeScript', 'Kafka'], achievements: ['Cut p95 latency by 40%'] },
            { company: 'Difference Ltd', role: 'Backend Developer', startDate: '2014-01-01', endDate: '2019-12-31', skillsUsed: ['Go'] },
          ],
        },
      }),
    );
    expect(work.saveWorkExperience.errors).toEqual([]);
    expect(work.saveWorkExperience.careerProfile.workExperience.map((w) => w.company)).toEqual(['Analytical Engines', 'Difference Ltd']);

    const projects = dataOf(
      await ada.request<{ saveProjects: Errors & { careerProfile: { projects: { title: string; url: string | null }[] } } }>(saveProjects, {
        input: { entries: [{ title: 'Notes on the Engine', description: 'The first published algorithm.', technologies: ['Mathematics'], url: 'https://example.com/notes' }] },
      }),
    );
    expect(projects.saveProjects.careerProfile.projects).toEqual([{ id: expect.any(String), title: 'Notes on the Engine', url: 'https://example.com/notes', technologies: ['Mathematics'] }]);
  });

  it('answers another user’s entry ids as not found, and leaves their entries alone', async () => {
    const ada = await story().candidate('Ada Owner');
    const saved = dataOf(await ada.request<{ saveEducation: { careerProfile: { education: { id: string }[] } } }>(saveEducation, { input: { entries: [{ institution: 'Ada School' }] } }));
    const adaEntry = saved.saveEducation.careerProfile.education[0]?.id;

    const mallory = await story().candidate('Mallory Thief');
    const stolen = dataOf(await mallory.request<{ saveEducation: Errors & { careerProfile: unknown } }>(saveEducation, { input: { entries: [{ id: adaEntry, institution: 'Mallory School' }] } }));
    expect(stolen.saveEducation).toEqual({ careerProfile: null, errors: [{ field: ['input', 'entries', '0', 'id'], code: 'NOT_FOUND', message: 'There is no such entry.' }] });

    const still = dataOf(await ada.request<{ viewer: { careerProfile: { education: { id: string; institution: string }[] } } }>('{ viewer { careerProfile { education { id institution } } } }'));
    expect(still.viewer.careerProfile.education).toEqual([{ id: adaEntry, institution: 'Ada School' }]);
  });

  it('refuses bad entries with every problem at once: dates, huge text, missing fields, bad URLs, too many', async () => {
    const bob = await story().candidate('Bob Hostile');
    const bad = dataOf(
      await bob.request<{ saveWorkExperience: Errors & { careerProfile: unknown } }>(saveWork, {
        input: {
          entries: [
            { company: '  ', role: 'x'.repeat(201), startDate: '2020-01-01', endDate: '2019-01-01' },
            { company: 'Now Inc', role: 'Dev', endDate: '2020-01-01', isCurrent: true, description: 'y'.repeat(5001) },
          ],
        },
      }),
    );
    expect(bad.saveWorkExperience.careerProfile).toBeNull();
    expect(bad.saveWorkExperience.errors.map((e) => [e.code, e.field.join('.')])).toEqual([
      ['INVALID_DATES', 'input.entries.0.endDate'],
      ['REQUIRED', 'input.entries.0.company'],
      ['TOO_LONG', 'input.entries.0.role'],
      ['INVALID_DATES', 'input.entries.1.endDate'],
      ['TOO_LONG', 'input.entries.1.description'],
    ]);
    const url = dataOf(await bob.request<{ saveProjects: Errors }>(saveProjects, { input: { entries: [{ title: 'P', description: 'D', url: 'javascript:alert(1)' }] } }));
    expect(url.saveProjects.errors.map((e) => e.code)).toEqual(['INVALID_URL']);
    const many = dataOf(await bob.request<{ saveEducation: Errors }>(saveEducation, { input: { entries: Array.from({ length: 51 }, (_, i) => ({ institution: `School ${i}` })) } }));
    expect(many.saveEducation.errors.map((e) => e.code)).toEqual(['TOO_MANY_ITEMS']);
    // NUL bytes never reach a subgraph (the gateway refuses them); other control characters are dropped.
    expect(refusedAtTheEdge(await bob.request(saveEducation, { input: { entries: [{ institution: 'Null\u0000 School' }] } }))).toBe('BAD_USER_INPUT');
    const bell = dataOf(await bob.request<{ saveEducation: Errors & { careerProfile: { education: { institution: string }[] } } }>(saveEducation, { input: { entries: [{ institution: 'Bell School\u0007' }] } }));
    expect(bell.saveEducation.careerProfile.education[0]?.institution).toBe('Bell School');
    const badDate = await bob.request(saveEducation, { input: { entries: [{ institution: 'X', startDate: '2020-13-45' }] } });
    expect(badDate.errors?.[0]?.message).toMatch(/Date/);
    const signedOut = await story().anonymous(saveEducation, { input: { entries: [] } });
    expect(signedOut.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });
});

describe('fit scores and job matches (AS-12, AS-13)', () => {
  it('ranks open listings by an explained fit, equal to viewerFit to the digit, and recomputes on changes', async () => {
    const erin = await story().employer('Erin Fit');
    const companyId = await company(erin);
    const backend = await post(erin, companyId, {
      title: 'Senior Backend Engineer', remoteType: 'REMOTE', seniority: 'SENIOR', tags: ['typescript', 'postgres', 'kafka'],
      salary: { minCents: 10_000_000, maxCents: 13_000_000, currency: 'EUR' },
    });
    const data = await post(erin, companyId, { title: 'Data Analyst', remoteType: 'ONSITE', location: 'Paris', seniority: 'ENTRY', tags: ['excel', 'sql'] });
    const unrelated = await post(erin, companyId, { title: 'Pastry Chef', remoteType: 'ONSITE', location: 'Lyon', tags: ['baking'] });

    const ada = await story().candidate('Ada Matches');
    dataOf(await ada.request(updateProfile, { input: { skills: ['TypeScript', 'PostgreSQL', 'SQL'], desiredTitles: ['Backend Engineer'], yearsOfExperience: 6, desiredSalary: { amountCents: 9_000_000, currency: 'EUR' } } }));

    let page: MatchPage | undefined;
    await eventually(async () => {
      page = dataOf(await ada.request<MatchPage>(matches, { first: 10 }));
      return page.viewer.jobMatches.edges.length === 3;
    }, 60_000);
    const edges = page?.viewer.jobMatches.edges ?? [];
    expect(edges.map((e) => e.node.listing.id)).toEqual([backend, data, unrelated]);
    const best = edges[0]?.node;
    expect(best?.listing.title).toBe('Senior Backend Engineer');
    expect(best?.fit.factors.map((f) => [f.kind, f.weight])).toEqual([
      ['SKILLS', 35], ['TITLE', 20], ['SENIORITY', 15], ['SALARY', 10], ['LOCATION', 10], ['RECENCY', 10],
    ]);
    // 2 of 3 skills (postgres is postgresql), same title words, senior for 6 years, pays enough, remote, no experience listed.
    expect(best?.fit.factors.map((f) => f.match)).toEqual([0.667, 1, 1, 1, 1, 0.5]);
    expect(best?.fit.score).toBe(Math.round(35 * 0.667 + 20 + 15 + 10 + 10 + 5));
    expect(best?.recommended).toBe(true);
    expect(best?.fit.rationale).toContain('2 of 3 skills match (typescript, postgresql); missing: kafka.');

    // viewerFit on the listing says the same, to the digit.
    const direct = dataOf(await ada.request<{ job: { viewerFit: Fit } }>(jobFit, { id: backend }));
    expect(direct.job.viewerFit).toEqual(best?.fit);

    // Pages: keyset by score then listing id.
    const firstPage = dataOf(await ada.request<MatchPage>(matches, { first: 1 }));
    expect(firstPage.viewer.jobMatches.pageInfo.hasNextPage).toBe(true);
    const secondPage = dataOf(await ada.request<MatchPage>(matches, { first: 2, after: firstPage.viewer.jobMatches.pageInfo.endCursor }));
    expect(secondPage.viewer.jobMatches.edges.map((e) => e.node.listing.id)).toEqual([data, unrelated]);

    // The profile changes: the scores follow.
    dataOf(await ada.request(updateProfile, { input: { skills: ['Excel', 'SQL'], desiredTitles: ['Data Analyst'], locations: ['Paris'], yearsOfExperience: 1 } }));
    await eventually(async () => {
      const now = dataOf(await ada.request<MatchPage>(matches, { first: 10 }));
      return now.viewer.jobMatches.edges[0]?.node.listing.id === data;
    }, 60_000);
    const dataFit = dataOf(await ada.request<{ job: { viewerFit: Fit } }>(jobFit, { id: data }));
    expect(dataFit.job.viewerFit.score).toBe(90); // all known factors match; the listing shows no pay and no experience is listed

    // The listing changes (closed): it leaves the matches.
    dataOf(await erin.request('mutation ($id: UUID!) { closeJobListing(id: $id) { errors { code } } }', { id: unrelated }));
    await eventually(async () => {
      const now = dataOf(await ada.request<MatchPage>(matches, { first: 10 }));
      return now.viewer.jobMatches.edges.length === 2;
    }, 60_000);

    // Viewed flag.
    const viewed = dataOf(await ada.request<{ markJobMatchViewed: Errors & { match: { viewed: boolean; listing: { id: string } } | null } }>('mutation ($id: UUID!) { markJobMatchViewed(listingId: $id) { match { viewed listing { id } } errors { field code message } } }', { id: data }));
    expect(viewed.markJobMatchViewed).toEqual({ match: { viewed: true, listing: { id: data } }, errors: [] });
    const closed = dataOf(await ada.request<{ markJobMatchViewed: Errors }>('mutation ($id: UUID!) { markJobMatchViewed(listingId: $id) { errors { code } } }', { id: unrelated }));
    expect(closed.markJobMatchViewed.errors).toEqual([{ code: 'NOT_FOUND' }]);
  });

  it('shows nobody else’s matches or fit, and refuses unbounded pages and forged cursors', async () => {
    const eve = await story().candidate('Eve Empty');
    const empty = dataOf(await eve.request<MatchPage>(matches, { first: 5 }));
    expect(empty.viewer.jobMatches.edges).toEqual([]);
    const huge = await eve.request(matches, { first: 101 });
    expect(huge.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    const forged = await eve.request(matches, { first: 5, after: Buffer.from('c1:["x"]').toString('base64url') });
    expect(forged.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    const erin = await story().employer('Erin Anon');
    const listing = await post(erin, await company(erin), { title: 'Anything', remoteType: 'REMOTE', tags: ['x'] });
    const anonymous = dataOf(await story().anonymous<{ job: { viewerFit: unknown } | null }>(jobFit, { id: listing }));
    expect(anonymous.job?.viewerFit ?? null).toBeNull();
  });
});
