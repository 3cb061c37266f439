import { describe, expect, it } from 'vitest';
import { createKafkaTransport, createLogger } from '@jobgraph/kit';
import { eventually } from '@jobgraph/kit/testing';
import { kafkaBrokers } from '../../src/testing/kafka-brokers.ts';
import { dataOf } from './graphql-client.ts';
import { createCompany, postJob } from './operations.ts';
import { useStory, type Member } from './story.ts';

/** Company members and listings reach the assistant through catalog's events, on the real broker. */
const story = useStory({
  events: () => createKafkaTransport({ brokers: kafkaBrokers(), clientId: 'e2e-assistant-discovery', logger: createLogger('kafka', 'silent'), namespace: `e2e-${crypto.randomUUID().slice(0, 8)}` }),
});

const settings = `mutation ($input: UpdateDiscoverySettingsInput!) { updateDiscoverySettings(input: $input) { careerProfile { id discovery { discoverable shareContact contactEmail } } errors { code } } }`;
const profile = `mutation ($input: UpdateCareerProfileInput!) { updateCareerProfile(input: $input) { careerProfile { id } errors { code } } }`;
const search = /* GraphQL */ `
  query ($input: CandidateSearchInput!, $first: Int, $after: String) {
    discoverCandidates(input: $input, first: $first, after: $after) {
      edges { cursor node { id headline skills locations fit { score } contact { email phone } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

interface Card {
  id: string;
  headline: string | null;
  fit: { score: number } | null;
  contact: { email: string | null; phone: string | null } | null;
}
interface Found {
  discoverCandidates: { edges: { node: Card }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

async function candidate(name: string, discovery: Record<string, unknown> | null): Promise<{ member: Member; profileId: string }> {
  const member = await story().candidate(name);
  const saved = dataOf(await member.request<{ updateCareerProfile: { careerProfile: { id: string } } }>(profile, { input: { headline: name, skills: ['TypeScript', 'Postgres'], currentTitle: 'Backend Engineer', locations: ['Berlin'] } }));
  if (discovery) expect(dataOf(await member.request<{ updateDiscoverySettings: { errors: unknown[] } }>(settings, { input: discovery })).updateDiscoverySettings.errors).toEqual([]);
  return { member, profileId: saved.updateCareerProfile.careerProfile.id };
}

describe('candidate discovery through the gateway (AS-21)', () => {
  it('lets a company’s members find visible candidates by skills, titles, location and fit, never hidden ones or unshared contact', async () => {
    const erin = await story().employer('Erin Finds');
    const companyId = dataOf(await erin.request<{ createCompany: { company: { id: string } } }>(createCompany, { input: { name: `Find Co ${crypto.randomUUID().slice(0, 6)}` } })).createCompany.company.id;
    const listingId = dataOf(
      await erin.request<{ createJobListing: { jobListing: { id: string } } }>(postJob, {
        input: { companyId, title: 'Backend Engineer', description: 'Payments.', employmentType: 'FULL_TIME', remoteType: 'REMOTE', publish: true, tags: ['TypeScript', 'PostgreSQL'] },
      }),
    ).createJobListing.jobListing.id;

    const open = await candidate('Vera Visible', { discoverable: true, shareContact: true, contactEmail: 'vera@example.com', contactPhone: '+49 30 1234567' });
    const quiet = await candidate('Quinn Quiet', { discoverable: true, shareContact: false, contactEmail: 'quinn@example.com' });
    const hidden = await candidate('Hana Hidden', { discoverable: false, shareContact: true, contactEmail: 'hana@example.com' });
    const unset = await candidate('Una Unset', null);

    // Erin's membership and the listing reach the assistant by events.
    const byListing = await eventually(async () => {
      const response = await erin.request<Found>(search, { input: { companyId, listingId } });
      const edges = response.data?.discoverCandidates.edges ?? [];
      return edges.length >= 2 && edges.every((e) => e.node.fit !== null) ? edges.map((e) => e.node) : null;
    }, 30_000);
    const searches: Record<string, unknown>[] = [{ skills: ['postgresql', 'TypeScript'] }, { titles: ['backend'] }, { location: 'berl' }, { listingId }, {}];
    for (const filter of searches) {
      const found = dataOf(await erin.request<Found>(search, { input: { companyId, ...filter } })).discoverCandidates.edges.map((e) => e.node);
      const ids = found.map((card) => card.id);
      expect(ids, JSON.stringify(filter)).toEqual(expect.arrayContaining([open.profileId, quiet.profileId]));
      expect(ids).not.toContain(hidden.profileId);
      expect(ids).not.toContain(unset.profileId);
      expect(found.find((card) => card.id === open.profileId)?.contact).toEqual({ email: 'vera@example.com', phone: '+49 30 1234567' });
      expect(found.find((card) => card.id === quiet.profileId)?.contact).toBeNull();
    }
    expect(byListing.find((card) => card.id === open.profileId)?.fit?.score).toBeGreaterThan(0);
    expect(dataOf(await erin.request<Found>(search, { input: { companyId, skills: ['Rust'] } })).discoverCandidates.edges).toEqual([]);

    // Paging walks the same ranking without repeats.
    const first = dataOf(await erin.request<Found>(search, { input: { companyId, listingId }, first: 1 })).discoverCandidates;
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = dataOf(await erin.request<Found>(search, { input: { companyId, listingId }, first: 1, after: first.pageInfo.endCursor })).discoverCandidates;
    expect(second.edges[0]?.node.id).not.toBe(first.edges[0]?.node.id);

    // Hiding again takes a candidate out of every search at once.
    await open.member.request(settings, { input: { discoverable: false } });
    expect(dataOf(await erin.request<Found>(search, { input: { companyId } })).discoverCandidates.edges.map((e) => e.node.id)).not.toContain(open.profileId);
  });

  it('refuses anyone who is not a member of the company, and a listing of another company finds nobody', async () => {
    const erin = await story().employer('Erin Guard');
    const companyId = dataOf(await erin.request<{ createCompany: { company: { id: string } } }>(createCompany, { input: { name: `Guard Co ${crypto.randomUUID().slice(0, 6)}` } })).createCompany.company.id;
    const mallory = await story().employer('Mallory Hunts');
    const malloryCompany = dataOf(await mallory.request<{ createCompany: { company: { id: string } } }>(createCompany, { input: { name: `Other Co ${crypto.randomUUID().slice(0, 6)}` } })).createCompany.company.id;
    const otherListing = dataOf(
      await mallory.request<{ createJobListing: { jobListing: { id: string } } }>(postJob, { input: { companyId: malloryCompany, title: 'Spy', description: 'x', employmentType: 'FULL_TIME', remoteType: 'REMOTE', publish: true } }),
    ).createJobListing.jobListing.id;
    await candidate('Vic Visible', { discoverable: true });
    await eventually(async () => (await erin.request<Found>(search, { input: { companyId } })).errors === undefined, 30_000);

    const refused = await mallory.request<Found>(search, { input: { companyId } });
    expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const seeker = await story().candidate('Sam Seeks');
    expect((await seeker.request<Found>(search, { input: { companyId } })).errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect((await story().anonymous<Found>(search, { input: { companyId } })).errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    await eventually(async () => dataOf(await mallory.request<{ job: { id: string } | null }>(`query ($id: UUID!) { job(id: $id) { id } }`, { id: otherListing })).job !== null);
    expect(dataOf(await erin.request<Found>(search, { input: { companyId, listingId: otherListing } })).discoverCandidates.edges).toEqual([]);
    const badPhone = dataOf(await seeker.request<{ updateDiscoverySettings: { errors: { code: string }[] } }>(settings, { input: { discoverable: true, contactPhone: 'call me maybe' } }));
    expect(badPhone.updateDiscoverySettings.errors.map((e) => e.code)).toEqual(['INVALID_PHONE']);
  });
});
