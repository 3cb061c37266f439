import type { IncomingMessage } from 'node:http';
import { anonymous, bearerToken, type Principal } from '@jobgraph/kit';
import type { AccessTokenVerifier } from './auth/access-token-verifier.ts';

/** No token: an anonymous caller. A token: it must verify, or the request is refused. */
export async function authenticate(request: IncomingMessage, verifier: AccessTokenVerifier): Promise<Principal> {
  const token = bearerToken(request);
  if (!token) return anonymous;
  return verifier.verify(token);
}
