import { z } from 'zod';
import { parseEnv } from '@jobgraph/kit';

/** The OAuth servers identity talks to: three sign-in providers and the integrations' servers. */
export const oauthServers = ['github', 'google', 'linkedin', 'microsoft', 'ats'] as const;
export type OAuthServer = (typeof oauthServers)[number];

/** Where a server's endpoints are, and identity's client there. */
export interface OAuthServerConfig {
  readonly server: OAuthServer;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly authorizeUrl: string;
  readonly tokenUrl: string;
  /** OIDC userinfo; for GitHub, its REST API root (`/user`, `/user/emails`). */
  readonly userInfoUrl: string | null;
  /** Extra scopes a sign-in asks for, beside the defaults. */
  readonly scopes: readonly string[];
}

const defaults: Record<OAuthServer, { authorize?: string; token?: string; userInfo?: string }> = {
  github: { authorize: 'https://github.com/login/oauth/authorize', token: 'https://github.com/login/oauth/access_token', userInfo: 'https://api.github.com' },
  google: { authorize: 'https://accounts.google.com/o/oauth2/v2/auth', token: 'https://oauth2.googleapis.com/token', userInfo: 'https://openidconnect.googleapis.com/v1/userinfo' },
  linkedin: { authorize: 'https://www.linkedin.com/oauth/v2/authorization', token: 'https://www.linkedin.com/oauth/v2/accessToken', userInfo: 'https://api.linkedin.com/v2/userinfo' },
  microsoft: {
    authorize: 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize',
    token: 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
    userInfo: 'https://graph.microsoft.com/oidc/userinfo',
  },
  // An applicant tracking system has no well-known address: all of it comes from configuration.
  ats: {},
};

const serverSchema = (server: OAuthServer) => {
  const d = defaults[server];
  const url = (fallback: string | undefined) => (fallback ? z.url().default(fallback) : z.url());
  return z.object({
    CLIENT_ID: z.string().min(1),
    CLIENT_SECRET: z.string().min(1),
    AUTHORIZE_URL: url(d.authorize),
    TOKEN_URL: url(d.token),
    USERINFO_URL: d.userInfo ? z.url().default(d.userInfo) : z.url().optional(),
    SCOPES: z.string().default(''),
  });
};

/**
 * `OAUTH_<SERVER>_CLIENT_ID` enables a server; `_CLIENT_SECRET` is then required, and
 * `_AUTHORIZE_URL`, `_TOKEN_URL`, `_USERINFO_URL` (GitHub: its API root) override the
 * public endpoints (tests point them at a server on loopback). A server without a client
 * id is off: its sign-in or integrations answer PROVIDER_NOT_CONFIGURED.
 */
export function oauthServersFromEnv(env: NodeJS.ProcessEnv): ReadonlyMap<OAuthServer, OAuthServerConfig> {
  const configured = new Map<OAuthServer, OAuthServerConfig>();
  for (const server of oauthServers) {
    const prefix = `OAUTH_${server.toUpperCase()}_`;
    if (!env[`${prefix}CLIENT_ID`]) continue;
    const own = Object.fromEntries(Object.entries(env).filter(([name]) => name.startsWith(prefix)).map(([name, value]) => [name.slice(prefix.length), value]));
    const parsed = parseEnv(serverSchema(server), own);
    configured.set(server, {
      server,
      clientId: parsed.CLIENT_ID,
      clientSecret: parsed.CLIENT_SECRET,
      authorizeUrl: parsed.AUTHORIZE_URL,
      tokenUrl: parsed.TOKEN_URL,
      userInfoUrl: parsed.USERINFO_URL ?? null,
      scopes: parsed.SCOPES.split(/[\s,]+/).filter(Boolean),
    });
  }
  return configured;
}
