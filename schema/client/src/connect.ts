import { ApolloClient, HttpLink } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { createJobgraphCache } from './create-cache.ts';
import { SignInMutation } from './operations/candidate-home.ts';

/** An Apollo Client for Jobgraph's gateway; `accessToken()` is read before every request. */
export function createJobgraphClient(gatewayUrl: string, accessToken: () => string | null = () => null): ApolloClient {
  const auth = new SetContextLink((previous) => {
    const token = accessToken();
    return token ? { headers: { ...previous.headers, authorization: `Bearer ${token}` } } : {};
  });
  return new ApolloClient({ link: auth.concat(new HttpLink({ uri: gatewayUrl })), cache: createJobgraphCache() });
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
