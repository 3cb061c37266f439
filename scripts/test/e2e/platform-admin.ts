import { sql } from 'kysely';
import { createKysely } from '@jobgraph/db';
import { dataOf, graphql } from './graphql-client.ts';
import type { Member, Story } from './story.ts';

/** A platform admin: the role is granted in identity's table, then a refreshed token carries it. */
export async function platformAdmin(story: Story, name = 'Pat Platform'): Promise<Member> {
  const person = await story.employer(name);
  const db = createKysely<unknown>({ url: story.database.adminUrl, maxConnections: 1 });
  try {
    await sql`update identity.users set roles = '{admin}' where id = ${person.id}::uuid`.execute(db);
  } finally {
    await db.destroy();
  }
  const refreshed = dataOf(
    await graphql<{ refreshSession: { tokens: { accessToken: string } } }>(story.stack.gatewayUrl, 'mutation ($input: RefreshSessionInput!) { refreshSession(input: $input) { tokens { accessToken } } }', {
      input: { refreshToken: person.refreshToken },
    }),
  );
  const token = refreshed.refreshSession.tokens.accessToken;
  return { ...person, accessToken: token, request: (query, variables) => graphql(story.stack.gatewayUrl, query, variables, token) };
}
