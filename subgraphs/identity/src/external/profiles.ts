import type { OAuthServerConfig } from './provider-config.ts';
import { ProviderUnavailable } from './provider-errors.ts';

/** Who the person is at the provider, as far as identity needs it. */
export interface ExternalProfile {
  /** The provider's stable id for the person (GitHub's numeric id, OIDC's `sub`). */
  readonly subject: string;
  readonly email: string | null;
  /** Whether the provider vouches for the address; only a verified one links or creates an account. */
  readonly emailVerified: boolean;
  readonly displayName: string | null;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly avatarUrl: string | null;
}

async function getJson(url: string, accessToken: string): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json', 'user-agent': 'jobgraph-identity' },
      signal: AbortSignal.timeout(5000),
    });
  } catch (error) {
    throw new ProviderUnavailable('the profile endpoint could not be reached', { cause: error });
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new ProviderUnavailable(`the profile endpoint answered ${response.status}`);
  }
  return response.json();
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim().length > 0 ? value.trim() : null);
const httpsUrl = (value: unknown): string | null => (typeof value === 'string' && value.startsWith('https://') ? value : null);

/** GitHub: `GET /user` (id, name, avatar) and `GET /user/emails` (the primary verified address). */
async function githubProfile(apiRoot: string, accessToken: string): Promise<ExternalProfile> {
  const root = apiRoot.replace(/\/+$/, '');
  const user = (await getJson(`${root}/user`, accessToken)) as Record<string, unknown>;
  if (typeof user.id !== 'number' && typeof user.id !== 'string') throw new ProviderUnavailable('GitHub /user has no id');
  const emails = await getJson(`${root}/user/emails`, accessToken);
  const primary = Array.isArray(emails) ? (emails as Record<string, unknown>[]).find((entry) => entry.primary === true && entry.verified === true && typeof entry.email === 'string') : undefined;
  return {
    subject: String(user.id),
    email: primary ? String(primary.email).toLowerCase() : null,
    emailVerified: primary !== undefined,
    displayName: text(user.name) ?? text(user.login),
    firstName: null,
    lastName: null,
    avatarUrl: httpsUrl(user.avatar_url),
  };
}

/** OpenID Connect userinfo (Google, LinkedIn, Microsoft, an ATS that speaks OIDC). */
async function oidcProfile(userInfoUrl: string, accessToken: string): Promise<ExternalProfile> {
  const claims = (await getJson(userInfoUrl, accessToken)) as Record<string, unknown>;
  const subject = text(claims.sub);
  if (!subject) throw new ProviderUnavailable('userinfo has no sub');
  const email = text(claims.email)?.toLowerCase() ?? null;
  return {
    subject,
    email,
    emailVerified: email !== null && (claims.email_verified === true || claims.email_verified === 'true'),
    displayName: text(claims.name),
    firstName: text(claims.given_name),
    lastName: text(claims.family_name),
    avatarUrl: httpsUrl(claims.picture),
  };
}

export function readProfile(config: OAuthServerConfig, accessToken: string): Promise<ExternalProfile> {
  if (!config.userInfoUrl) throw new ProviderUnavailable(`${config.server} has no userinfo endpoint configured`);
  return config.server === 'github' ? githubProfile(config.userInfoUrl, accessToken) : oidcProfile(config.userInfoUrl, accessToken);
}
