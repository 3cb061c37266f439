import { afterAll, beforeAll } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@jobgraph/db/testing';
import { createLogger, type EventTransport } from '@jobgraph/kit';
import { startStack, type RunningStack, type StackOptions } from '../../src/stack.ts';
import { dataOf, graphql, type GraphQLResponse } from './graphql-client.ts';

export interface Member {
  readonly id: string;
  readonly email: string;
  readonly accessToken: string;
  readonly refreshToken: string;
  /** Runs an operation through the gateway as this person. */
  request<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
}

export interface Story {
  readonly stack: RunningStack;
  readonly database: TestDatabase;
  /** Runs an operation through the gateway without signing in. */
  anonymous<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  candidate(name: string): Promise<Member>;
  employer(name: string): Promise<Member>;
  recruiter(name: string): Promise<Member>;
}

const signUp = /* GraphQL */ `
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) { user { id } tokens { accessToken refreshToken } errors { code message } }
  }
`;

interface SignUpData {
  signUp: { user: { id: string } | null; tokens: { accessToken: string; refreshToken: string } | null; errors: { code: string; message: string }[] };
}

export interface StoryOptions extends Partial<Pick<StackOptions, 'limits' | 'env' | 'jwksCooldownMs' | 'apiKeyCacheMs'>> {
  /** Made when the story starts and closed when it ends; without one, no events flow. */
  readonly events?: () => EventTransport;
}

/**
 * The seed DSL of the end-to-end suite: a fresh database and the whole stack for one
 * test file, and people who sign up through the gateway like real users.
 */
export function useStory(options: StoryOptions = {}): () => Story {
  let story: Story | undefined;
  let events: EventTransport | null = null;
  beforeAll(async () => {
    const database = await createTestDatabase();
    const { events: makeEvents, ...stackOptions } = options;
    events = makeEvents?.() ?? null;
    const stack = await startStack({ databaseAdminUrl: database.adminUrl, logger: createLogger('e2e'), ports: 'random', ...stackOptions, ...(events ? { events } : {}) });
    let counter = 0;
    const person = async (name: string, role: 'CANDIDATE' | 'EMPLOYER' | 'RECRUITER'): Promise<Member> => {
      counter += 1;
      const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${counter}@example.com`;
      const result = dataOf(await graphql<SignUpData>(stack.gatewayUrl, signUp, { input: { email, password: 'a long and unusual passphrase', displayName: name, role } }));
      const { user, tokens, errors } = result.signUp;
      if (!user || !tokens) throw new Error(`sign-up failed: ${JSON.stringify(errors)}`);
      return {
        id: user.id,
        email,
        accessToken: tokens.accessToken,
        refreshToken: tokens.refreshToken,
        request: (query, variables) => graphql(stack.gatewayUrl, query, variables, tokens.accessToken),
      };
    };
    story = {
      stack,
      database,
      anonymous: (query, variables) => graphql(stack.gatewayUrl, query, variables),
      candidate: (name) => person(name, 'CANDIDATE'),
      employer: (name) => person(name, 'EMPLOYER'),
      recruiter: (name) => person(name, 'RECRUITER'),
    };
  });
  afterAll(async () => {
    await story?.stack.stop();
    await events?.close();
    await story?.database.drop();
  });
  return () => {
    if (!story) throw new Error('the story starts in beforeAll');
    return story;
  };
}
