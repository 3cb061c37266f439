import { ApolloClient, HttpLink } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { createJobgraphCache } from './create-cache.ts';
import { SignInMutation } from './operations/candidate-home.ts';

export interface JobgraphClientOptions {
  /** Send queries by their SHA-256 hash (automatic persisted queries); the gateway asks for the text once. */
  readonly persistedQueries?: boolean;
  /** The fetch the HTTP link uses (the global one by default). */
  readonly fetch?: typeof fetch;
}

/** An Apollo Client for Jobgraph's gateway; `accessToken()` is read before every request. */
export function createJobgraphClient(gatewayUrl: string, accessToken: () => string | null = () => null, options: JobgraphClientOptions = {}): ApolloClient {
  const auth = new SetContextLink((previous) => {
    const token = accessToken();
    return token ? { headers: { ...previous.headers, authorization: `Bearer ${token}` } } : {};
  });
  const http = new HttpLink({ uri: gatewayUrl, ...(options.fetch ? { fetch: options.fetch } : {}) });
  const persisted = options.persistedQueries ? new PersistedQueryLink({ sha256 }) : null;
  return new ApolloClient({ link: persisted ? auth.concat(persisted).concat(http) : auth.concat(http), cache: createJobgraphCache() });
}

/** Signs in and returns a client that sends the access token, or the user errors. */
export async function signIn(gatewayUrl: string, email: string, password: string): Promise<ApolloClient> {
  let token: string | null = null;
  const client = createJobgraphClient(gatewayUrl, () => token);
  const { data } = await client.mutate({ mutation: SignInMutation, variables: { input: { email, password } } });
  const result = data?.signIn;
  if (!result?.tokens) throw new Error(`sign-in failed: ${result?.errors.map((error) => error.code).join(', ') ?? 'no answer'}`);
  token = result.tokens.accessToken;
  return client;
}

/** Hex SHA-256 with Web Crypto: the same in browsers and Node. */
async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
