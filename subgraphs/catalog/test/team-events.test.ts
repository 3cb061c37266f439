import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@jobgraph/db/testing';
import { catalogCompanyTopic, catalogJobListingTopic, type CloudEvent } from '@jobgraph/kit';
import { createTestEvents, emailPattern, eventContracts, eventually, startSubgraphHarness, type SubgraphHarness, type TestEvents } from '@jobgraph/kit/testing';
import { catalog } from '../src/index.ts';
import { catalogStory } from './story.ts';

let database: TestDatabase;
let harness: SubgraphHarness;
let events: TestEvents;
let story: ReturnType<typeof catalogStory>;
const violations = eventContracts();

beforeAll(async () => {
  database = await createTestDatabase();
  events = await createTestEvents({ observe: [catalogCompanyTopic, catalogJobListingTopic], deliverTo: [] });
  harness = await startSubgraphHarness(catalog, database, { events: events.transport });
  story = catalogStory(harness);
});
afterAll(async () => {
  await harness?.stop();
  await events?.transport.close();
  await database?.drop();
});

const typesFor = (companyId: string): string[] => events.published.filter((event: CloudEvent) => event.subject === companyId).map((event) => event.type);

describe('team events (CA-05)', () => {
  it('announces every membership change and the company update, without addresses or tokens', async () => {
    const owner = story.employer();
    const invitee = story.candidate();
    const company = await story.createCompany(owner, 'Evented Team');
    const invited = await harness.request<{ inviteCompanyMember: { token: string } }>(
      'mutation ($input: InviteCompanyMemberInput!) { inviteCompanyMember(input: $input) { token errors { code } } }',
      { input: { companyId: company.id, email: 'secret.person@example.com', role: 'ADMIN' } },
      owner,
    );
    const token = invited.data?.inviteCompanyMember.token ?? '';
    await harness.request('mutation ($token: String!) { acceptCompanyInvitation(token: $token) { errors { code } } }', { token }, invitee);
    await harness.request('mutation ($input: ChangeCompanyMemberRoleInput!) { changeCompanyMemberRole(input: $input) { errors { code } } }', { input: { companyId: company.id, userId: invitee.userId, role: 'RECRUITER' } }, owner);
    await harness.request('mutation ($input: CompanyMemberInput!) { removeCompanyMember(input: $input) { errors { code } } }', { input: { companyId: company.id, userId: invitee.userId } }, owner);
    await harness.request('mutation ($input: UpdateCompanyInput!) { updateCompany(input: $input) { errors { code } } }', { input: { id: company.id, name: 'Evented Team Two' } }, owner);

    const expected = [
      'jobgraph.catalog.company.created.v1',
      'jobgraph.catalog.company.member-added.v1',
      'jobgraph.catalog.company.invitation-created.v1',
      'jobgraph.catalog.company.invitation-accepted.v1',
      'jobgraph.catalog.company.member-added.v1',
      'jobgraph.catalog.company.member-role-changed.v1',
      'jobgraph.catalog.company.member-removed.v1',
      'jobgraph.catalog.company.updated.v1',
    ];
    await eventually(async () => typesFor(company.id).length >= expected.length);
    expect(typesFor(company.id)).toEqual(expected);
    const mine = events.published.filter((event) => event.subject === company.id);
    for (const event of mine) {
      expect(violations(event)).toEqual([]);
      expect(JSON.stringify(event)).not.toMatch(emailPattern);
      expect(JSON.stringify(event)).not.toContain(token);
    }
    expect(mine.find((event) => event.type.endsWith('member-role-changed.v1'))?.data).toEqual({ companyId: company.id, userId: invitee.userId, role: 'recruiter', previousRole: 'admin' });
    expect(mine.at(-1)?.data).toEqual({ companyId: company.id, name: 'Evented Team Two', slug: company.slug, createdBy: owner.userId });
  });
});
