import { CodeChallengeMethod, OAuth2Client, OAuth2RequestError, type OAuth2Tokens } from 'arctic';
import type { OAuthServerConfig } from './provider-config.ts';
import { ProviderRefusal, ProviderUnavailable } from './provider-errors.ts';
import { readProfile, type ExternalProfile } from './profiles.ts';

/** What a provider granted for a code: the tokens identity stores (sealed) and what they allow. */
export interface GrantedTokens {
  readonly accessToken: string;
  readonly refreshToken: string | null;
  readonly expiresAt: Date | null;
  /** As the provider reported them; null when it did not say (then: what was asked). */
  readonly scopes: readonly string[] | null;
}

export interface AuthorizationRequest {
  readonly state: string;
  readonly codeVerifier: string;
  readonly redirectUri: string;
  readonly scopes: readonly string[];
  /** Extra query parameters, e.g. Google's access_type=offline for a refresh token. */
  readonly extra?: Readonly<Record<string, string>>;
}

/**
 * One interface for every provider (GitHub, Google, LinkedIn, Microsoft, an ATS): the
 * authorization-code flow with PKCE (S256) and state, done by arctic's OAuth 2.0 client
 * against the endpoints from configuration; then the provider's own profile format.
 */
export interface OAuthProvider {
  readonly config: OAuthServerConfig;
  authorizationUrl(request: AuthorizationRequest): URL;
  exchangeCode(code: string, codeVerifier: string, redirectUri: string): Promise<GrantedTokens>;
  profile(accessToken: string): Promise<ExternalProfile>;
}

/** arctic's requests take no abort signal: a token endpoint that hangs is given up after this long. */
const tokenTimeoutMs = 10_000;

function givenUpAfter(ms: number): Promise<never> {
  return new Promise((_resolve, reject) => setTimeout(() => reject(new ProviderUnavailable(`the token endpoint did not answer within ${ms} ms`)), ms).unref());
}

export function createOAuthProvider(config: OAuthServerConfig): OAuthProvider {
  const client = (redirectUri: string) => new OAuth2Client(config.clientId, config.clientSecret, redirectUri);
  return {
    config,
    authorizationUrl(request) {
      const url = client(request.redirectUri).createAuthorizationURLWithPKCE(config.authorizeUrl, request.state, CodeChallengeMethod.S256, request.codeVerifier, [...request.scopes]);
      for (const [name, value] of Object.entries(request.extra ?? {})) url.searchParams.set(name, value);
      return url;
    },
    async exchangeCode(code, codeVerifier, redirectUri) {
      let tokens: OAuth2Tokens;
      try {
        tokens = await Promise.race([client(redirectUri).validateAuthorizationCode(config.tokenUrl, code, codeVerifier), givenUpAfter(tokenTimeoutMs)]);
      } catch (error) {
        if (error instanceof OAuth2RequestError) throw new ProviderRefusal(error.code);
        if (error instanceof ProviderUnavailable) throw error;
        throw new ProviderUnavailable('the token endpoint did not answer as OAuth', { cause: error });
      }
      return grantedFrom(tokens.data);
    },
    profile: (accessToken) => readProfile(config, accessToken),
  };
}

/** Reads a token answer; GitHub answers errors with status 200 and an `error` field. */
export function grantedFrom(data: object): GrantedTokens {
  const body = data as Record<string, unknown>;
  if (typeof body.error === 'string') throw new ProviderRefusal(body.error);
  if (typeof body.access_token !== 'string' || body.access_token.length === 0) throw new ProviderUnavailable('the token answer has no access_token');
  const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : typeof body.expires_in === 'string' ? Number(body.expires_in) : NaN;
  return {
    accessToken: body.access_token,
    refreshToken: typeof body.refresh_token === 'string' && body.refresh_token.length > 0 ? body.refresh_token : null,
    expiresAt: Number.isFinite(expiresIn) && expiresIn > 0 ? new Date(Date.now() + expiresIn * 1000) : null,
    // RFC 6749 separates scopes with spaces; GitHub and LinkedIn use commas.
    scopes: typeof body.scope === 'string' ? body.scope.split(/[\s,]+/).filter(Boolean) : null,
  };
}
