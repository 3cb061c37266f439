import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createKysely } from '@jobgraph/db';
import { dataOf, refusedAtTheEdge, type GraphQLResponse } from './graphql-client.ts';
import { createCompany, postJob } from './operations.ts';
import { useStory, type Member } from './story.ts';

const story = useStory();

const invite = /* GraphQL */ `
  mutation ($input: InviteCompanyMemberInput!) {
    inviteCompanyMember(input: $input) { token invitation { id role status email company { id } } errors { field code } }
  }
`;
const accept = /* GraphQL */ `mutation ($token: String!) { acceptCompanyInvitation(token: $token) { member { role user { id } invitedBy { id } } errors { field code } } }`;
const decline = /* GraphQL */ `mutation ($token: String!) { declineCompanyInvitation(token: $token) { invitation { status } errors { field code } } }`;
const remove = /* GraphQL */ `mutation ($input: CompanyMemberInput!) { removeCompanyMember(input: $input) { member { user { id } } errors { field code } } }`;
const changeRole = /* GraphQL */ `mutation ($input: ChangeCompanyMemberRoleInput!) { changeCompanyMemberRole(input: $input) { member { role } errors { field code } } }`;
const team = /* GraphQL */ `query ($id: UUID!) { company(id: $id) { members(first: 50) { edges { node { role user { id } } } } } }`;
const updateListing = /* GraphQL */ `mutation ($input: UpdateJobListingInput!) { updateJobListing(input: $input) { jobListing { title } errors { code } } }`;
const updateCompany = /* GraphQL */ `mutation ($input: UpdateCompanyInput!) { updateCompany(input: $input) { company { name } errors { code } } }`;

type Errors = { errors: { code: string; field: string[] }[] };
type InviteData = { inviteCompanyMember: Errors & { token: string | null; invitation: { id: string; role: string; status: string; email: string } | null } };
type AcceptData = { acceptCompanyInvitation: Errors & { member: { role: string; user: { id: string }; invitedBy: { id: string } | null } | null } };

let companies = 0;
async function founds(owner: Member): Promise<string> {
  companies += 1;
  const created = dataOf(await owner.request<{ createCompany: { company: { id: string } } }>(createCompany, { input: { name: `Team Co ${companies} ${crypto.randomUUID().slice(0, 6)}` } }));
  return created.createCompany.company.id;
}

async function invited(by: Member, companyId: string, role: string, email = `${crypto.randomUUID()}@example.com`): Promise<string> {
  const result = dataOf(await by.request<InviteData>(invite, { input: { companyId, email, role } }));
  expect(result.inviteCompanyMember.errors).toEqual([]);
  return result.inviteCompanyMember.token ?? '';
}

async function joins(person: Member, token: string): Promise<void> {
  expect(dataOf(await person.request<AcceptData>(accept, { token })).acceptCompanyInvitation.errors).toEqual([]);
}

const codeOf = (response: GraphQLResponse<unknown>) => response.errors?.[0]?.extensions?.code;
/** The user-error codes of the mutation `key` in a response that must have data. */
const userCodes = (response: GraphQLResponse<unknown>, key: string) => (dataOf(response) as Record<string, Errors>)[key]?.errors.map((error) => error.code);

async function asAdmin(statement: (db: ReturnType<typeof createKysely<unknown>>) => Promise<unknown>): Promise<void> {
  const db = createKysely<unknown>({ url: story().database.adminUrl, maxConnections: 1 });
  try {
    await statement(db);
  } finally {
    await db.destroy();
  }
}

describe('company teams through the gateway (CA-04, CA-05)', () => {
  it('invites by email, lets the invitee join with the role, and shows the team to its members only', async () => {
    const owner = await story().employer('Olga Owner');
    const companyId = await founds(owner);
    const answer = dataOf(await owner.request<InviteData>(invite, { input: { companyId, email: 'Rita.Recruiter@Example.com', role: 'RECRUITER' } }));
    expect(answer.inviteCompanyMember.invitation).toMatchObject({ role: 'RECRUITER', status: 'PENDING', email: 'Rita.Recruiter@Example.com' });
    expect(answer.inviteCompanyMember.token).toMatch(/^[\w-]{43}$/);

    const again = await owner.request<InviteData>(invite, { input: { companyId, email: 'rita.recruiter@example.com', role: 'ADMIN' } });
    expect(userCodes(again, 'inviteCompanyMember')).toEqual(['INVITATION_PENDING']);

    const rita = await story().candidate('Rita Recruiter');
    const joined = dataOf(await rita.request<AcceptData>(accept, { token: answer.inviteCompanyMember.token }));
    expect(joined.acceptCompanyInvitation).toEqual({ errors: [], member: { role: 'RECRUITER', user: { id: rita.id }, invitedBy: { id: owner.id } } });

    const members = dataOf(await rita.request<{ company: { members: { edges: { node: { role: string; user: { id: string } } }[] } } }>(team, { id: companyId }));
    expect(members.company.members.edges.map((edge) => [edge.node.user.id, edge.node.role])).toEqual([[owner.id, 'OWNER'], [rita.id, 'RECRUITER']]);
    const mine = dataOf(await rita.request<{ viewer: { companyMemberships: { company: { id: string }; role: string }[] } }>('{ viewer { companyMemberships { company { id } role } } }'));
    expect(mine.viewer.companyMemberships).toEqual([{ company: { id: companyId }, role: 'RECRUITER' }]);

    // The recruiter may now post for the company.
    const posted = dataOf(await rita.request<{ createJobListing: Errors }>(postJob, { input: { companyId, title: 'Team Hire', description: 'Hiring.', employmentType: 'FULL_TIME', remoteType: 'REMOTE', publish: true } }));
    expect(posted.createJobListing.errors).toEqual([]);

    const outsider = await story().employer('Oscar Outsider');
    expect(codeOf(await outsider.request(team, { id: companyId }))).toBe('FORBIDDEN');
    expect(codeOf(await story().anonymous(team, { id: companyId }))).toBe('FORBIDDEN');
  });

  it('spends a token once: reused, used by another account, declined, expired or made up, it opens nothing', async () => {
    const owner = await story().employer('Tom Tokens');
    const companyId = await founds(owner);
    const first = await story().candidate('First Taker');
    const second = await story().candidate('Second Taker');

    const token = await invited(owner, companyId, 'MEMBER');
    await joins(first, token);
    expect(userCodes(await first.request(accept, { token }), 'acceptCompanyInvitation')).toEqual(['INVITATION_INVALID']);
    expect(userCodes(await second.request(accept, { token }), 'acceptCompanyInvitation')).toEqual(['INVITATION_INVALID']);
    expect(userCodes(await second.request(decline, { token }), 'declineCompanyInvitation')).toEqual(['INVITATION_INVALID']);

    const declined = await invited(owner, companyId, 'ADMIN');
    const refused = dataOf(await second.request<{ declineCompanyInvitation: Errors & { invitation: { status: string } | null } }>(decline, { token: declined }));
    expect(refused.declineCompanyInvitation).toEqual({ errors: [], invitation: { status: 'DECLINED' } });
    expect(userCodes(await second.request(accept, { token: declined }), 'acceptCompanyInvitation')).toEqual(['INVITATION_INVALID']);

    const stale = await invited(owner, companyId, 'RECRUITER', 'late@example.com');
    await asAdmin((db) => sql`update catalog.company_invitations set created_at = now() - interval '8 days', expires_at = now() - interval '1 day' where email = 'late@example.com'`.execute(db));
    expect(userCodes(await second.request(accept, { token: stale }), 'acceptCompanyInvitation')).toEqual(['INVITATION_EXPIRED']);
    // A new invitation to the same address replaces the one that ran out.
    await joins(second, await invited(owner, companyId, 'RECRUITER', 'late@example.com'));

    for (const made of ['', 'x'.repeat(10_000), "' or 1=1 --", token.slice(0, -1)]) {
      expect(userCodes(await second.request(accept, { token: made }), 'acceptCompanyInvitation')).toEqual(['INVITATION_INVALID']);
    }
    expect(refusedAtTheEdge(await second.request(accept, { token: 'a\u0000b' }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await story().anonymous(accept, { token }))).toBe('UNAUTHENTICATED');
    // An existing member cannot take someone else's seat with a fresh token.
    const spare = await invited(owner, companyId, 'ADMIN');
    expect(userCodes(await first.request(accept, { token: spare }), 'acceptCompanyInvitation')).toEqual(['ALREADY_MEMBER']);
  });

  it('lets each member act within their role only; outsiders and other companies\' admins change nothing', async () => {
    const owner = await story().employer('Rights Owner');
    const companyId = await founds(owner);
    const viewer = await story().candidate('Vera Viewer');
    const admin = await story().employer('Adam Admin');
    await joins(viewer, await invited(owner, companyId, 'MEMBER'));
    await joins(admin, await invited(owner, companyId, 'ADMIN'));
    const listing = dataOf(await owner.request<{ createJobListing: { jobListing: { id: string } } }>(postJob, { input: { companyId, title: 'Guarded Role', description: 'x', employmentType: 'FULL_TIME', remoteType: 'REMOTE', publish: true } }));
    const listingId = listing.createJobListing.jobListing.id;

    const rival = await story().employer('Rival Admin');
    await founds(rival);
    const stranger = await story().candidate('Sam Stranger');

    // The viewer role sees and changes nothing.
    expect(codeOf(await viewer.request(updateListing, { input: { id: listingId, title: 'Defaced' } }))).toBe('FORBIDDEN');
    expect(codeOf(await viewer.request(invite, { input: { companyId, email: 'friend@example.com', role: 'MEMBER' } }))).toBe('FORBIDDEN');
    expect(codeOf(await viewer.request(changeRole, { input: { companyId, userId: viewer.id, role: 'OWNER' } }))).toBe('FORBIDDEN');
    expect(codeOf(await viewer.request(remove, { input: { companyId, userId: admin.id } }))).toBe('FORBIDDEN');
    expect(codeOf(await viewer.request(updateCompany, { input: { id: companyId, name: 'Viewer Co' } }))).toBe('FORBIDDEN');
    // Another company's admin and a stranger: not members, so neither the listing nor the team.
    for (const outsider of [rival, stranger]) {
      expect(userCodes(await outsider.request(updateListing, { input: { id: listingId, title: 'Hijacked' } }), 'updateJobListing')).toEqual(['NOT_FOUND']);
      expect(codeOf(await outsider.request(invite, { input: { companyId, email: 'mole@example.com', role: 'ADMIN' } }))).toBe('FORBIDDEN');
      expect(codeOf(await outsider.request(remove, { input: { companyId, userId: owner.id } }))).toBe('FORBIDDEN');
      expect(codeOf(await outsider.request(changeRole, { input: { companyId, userId: outsider.id, role: 'OWNER' } }))).toBe('FORBIDDEN');
      expect(codeOf(await outsider.request(updateCompany, { input: { id: companyId, name: 'Taken Over' } }))).toBe('FORBIDDEN');
    }
    // An admin manages the team but never an owner, nor makes one.
    expect(userCodes(await admin.request(invite, { input: { companyId, email: 'boss@example.com', role: 'OWNER' } }), 'inviteCompanyMember')).toEqual(['ROLE_NOT_ALLOWED']);
    expect(codeOf(await admin.request(remove, { input: { companyId, userId: owner.id } }))).toBe('FORBIDDEN');
    expect(codeOf(await admin.request(changeRole, { input: { companyId, userId: owner.id, role: 'MEMBER' } }))).toBe('FORBIDDEN');
    expect(userCodes(await admin.request(changeRole, { input: { companyId, userId: viewer.id, role: 'OWNER' } }), 'changeCompanyMemberRole')).toEqual(['ROLE_NOT_ALLOWED']);
    const promoted = dataOf(await admin.request<{ changeCompanyMemberRole: Errors & { member: { role: string } | null } }>(changeRole, { input: { companyId, userId: viewer.id, role: 'RECRUITER' } }));
    expect(promoted.changeCompanyMemberRole).toEqual({ errors: [], member: { role: 'RECRUITER' } });
    const edited = dataOf(await viewer.request<{ updateJobListing: Errors & { jobListing: { title: string } | null } }>(updateListing, { input: { id: listingId, title: 'Now A Recruiter Edits' } }));
    expect(edited.updateJobListing.jobListing?.title).toBe('Now A Recruiter Edits');
    expect(userCodes(await admin.request(remove, { input: { companyId, userId: crypto.randomUUID() } }), 'removeCompanyMember')).toEqual(['NOT_FOUND']);
    expect(userCodes(await admin.request(remove, { input: { companyId: crypto.randomUUID(), userId: viewer.id } }), 'removeCompanyMember')).toEqual(['NOT_FOUND']);
  });

  it('never lets the last owner go, and lets members leave', async () => {
    const owner = await story().employer('Last Owner');
    const companyId = await founds(owner);
    const heir = await story().employer('Heir');
    const leaver = await story().candidate('Leaver');
    await joins(heir, await invited(owner, companyId, 'ADMIN'));
    await joins(leaver, await invited(owner, companyId, 'MEMBER'));

    expect(userCodes(await owner.request(remove, { input: { companyId, userId: owner.id } }), 'removeCompanyMember')).toEqual(['LAST_OWNER']);
    expect(userCodes(await owner.request(changeRole, { input: { companyId, userId: owner.id, role: 'ADMIN' } }), 'changeCompanyMemberRole')).toEqual(['LAST_OWNER']);

    expect(dataOf(await leaver.request<{ removeCompanyMember: Errors }>(remove, { input: { companyId, userId: leaver.id } })).removeCompanyMember.errors).toEqual([]);
    expect(codeOf(await leaver.request(team, { id: companyId }))).toBe('FORBIDDEN');

    expect(dataOf(await owner.request<{ changeCompanyMemberRole: Errors }>(changeRole, { input: { companyId, userId: heir.id, role: 'OWNER' } })).changeCompanyMemberRole.errors).toEqual([]);
    expect(dataOf(await owner.request<{ removeCompanyMember: Errors }>(remove, { input: { companyId, userId: owner.id } })).removeCompanyMember.errors).toEqual([]);
    const left = dataOf(await heir.request<{ company: { members: { edges: { node: { role: string; user: { id: string } } }[] } } }>(team, { id: companyId }));
    expect(left.company.members.edges.map((edge) => [edge.node.user.id, edge.node.role])).toEqual([[heir.id, 'OWNER']]);
    expect(userCodes(await heir.request(remove, { input: { companyId, userId: heir.id } }), 'removeCompanyMember')).toEqual(['LAST_OWNER']);
  });

  it('answers hostile input with errors, never with a server failure', async () => {
    const owner = await story().employer('Hostile Input');
    const companyId = await founds(owner);
    const long = await owner.request<InviteData>(invite, { input: { companyId, email: `${'a'.repeat(10_000)}@example.com`, role: 'MEMBER' } });
    expect(userCodes(long, 'inviteCompanyMember')).toEqual(['INVALID_EMAIL']);
    expect(codeOf(await owner.request(invite, { input: { companyId, email: "x'; drop table catalog.companies; --", role: 'MEMBER' } }))).toBe('BAD_USER_INPUT');
    const badCursor = await owner.request('query ($id: UUID!, $after: String) { company(id: $id) { members(first: 5, after: $after) { edges { cursor } } } }', { id: companyId, after: 'bm90LWEtY3Vyc29y' });
    expect(codeOf(badCursor)).toBe('BAD_USER_INPUT');
  });
});
