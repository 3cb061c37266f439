import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * GitHub, Google, LinkedIn and Microsoft as identity meets them, on 127.0.0.1 inside the
 * test: each server's authorize, token and profile endpoints in its own wire format,
 * with its own error answers. The authorization server is real where it matters: a code
 * is bound to its client, redirect URI and PKCE challenge, works once (a replay also
 * revokes the token it bought, RFC 6749 §4.1.2), and the token endpoint checks the
 * code_verifier against the S256 challenge.
 */
export type ProviderServer = 'github' | 'google' | 'linkedin' | 'microsoft';

export interface ProviderAccount {
  /** GitHub's numeric id, or OIDC's `sub`. */
  readonly id: string;
  readonly email: string | null;
  readonly emailVerified: boolean;
  readonly name: string;
  /** The profile endpoint fails for this person (503), as during a provider's outage. */
  readonly profileDown?: boolean;
}

/** Why the token endpoint refused a request, as the provider would log it. */
export type Refusal = 'unknown_code' | 'code_reused' | 'pkce_mismatch' | 'redirect_mismatch' | 'bad_client';

export interface OAuthProviders {
  /** OAUTH_* settings pointing identity at these servers. */
  readonly env: Readonly<Record<string, string>>;
  addAccount(server: ProviderServer, account: ProviderAccount): void;
  /**
   * Opens the authorization URL as the person's browser would, and approves as `accountId`
   * on the consent page: answers the code and state the provider sends back.
   */
  approve(authorizationUrl: string, accountId: string): Promise<{ code: string; state: string; redirectTo: URL }>;
  /** Every refusal of the token endpoint, in order. */
  readonly refusals: readonly { server: ProviderServer; reason: Refusal }[];
  /** Every token request's form fields (the code_verifier among them). */
  readonly tokenRequests: readonly { server: ProviderServer; form: Record<string, string> }[];
  close(): Promise<void>;
}

interface IssuedCode {
  readonly server: ProviderServer;
  readonly accountId: string;
  readonly redirectUri: string;
  readonly challenge: string;
  readonly scope: string;
  readonly offline: boolean;
  used: boolean;
  accessToken: string | null;
}

const clients: Record<ProviderServer, { id: string; secret: string }> = {
  github: { id: 'gh-client', secret: 'gh-secret' },
  google: { id: 'google-client.apps.googleusercontent.com', secret: 'google-secret' },
  linkedin: { id: 'li-client', secret: 'li-secret' },
  microsoft: { id: 'ms-client', secret: 'ms-secret' },
};

const random = () => randomBytes(24).toString('base64url');
const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  response.end(JSON.stringify(body));
}

async function formOf(request: IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
}

/** Client credentials from HTTP Basic (what arctic sends) or the form body. */
function clientOf(request: IncomingMessage, form: Record<string, string>): { id: string; secret: string } | null {
  const basic = /^Basic (.+)$/.exec(request.headers.authorization ?? '');
  if (basic?.[1]) {
    const [id = '', secret = ''] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
    return { id: decodeURIComponent(id), secret: decodeURIComponent(secret) };
  }
  return form.client_id && form.client_secret ? { id: form.client_id, secret: form.client_secret } : null;
}

/** Each server's way of saying no at its token endpoint. */
function refuse(response: ServerResponse, server: ProviderServer, reason: Refusal): void {
  if (server === 'github') {
    // GitHub answers 200 with an error body.
    if (reason === 'bad_client') return json(response, 200, { error: 'incorrect_client_credentials', error_description: 'The client_id and/or client_secret passed are incorrect.' });
    if (reason === 'redirect_mismatch') return json(response, 200, { error: 'redirect_uri_mismatch', error_description: 'The redirect_uri MUST match the registered callback URL for this application.' });
    return json(response, 200, { error: 'bad_verification_code', error_description: 'The code passed is incorrect or expired.', error_uri: 'https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors/#bad-verification-code' });
  }
  if (reason === 'bad_client') return json(response, 401, { error: 'invalid_client', error_description: 'The OAuth client was not found.' });
  if (server === 'linkedin' && reason === 'pkce_mismatch') {
    return json(response, 400, { error: 'invalid_request', error_description: 'Unable to retrieve access token: appid/redirect uri/code verifier does not match authorization code. Or authorization code expired.' });
  }
  const description = reason === 'pkce_mismatch' ? 'Invalid code verifier.' : reason === 'code_reused' ? 'Code was already redeemed.' : 'Bad Request';
  return json(response, 400, { error: 'invalid_grant', error_description: description });
}

export async function startOAuthProviders(): Promise<OAuthProviders> {
  const accounts = new Map<string, ProviderAccount>();
  const codes = new Map<string, IssuedCode>();
  const accessTokens = new Map<string, { server: ProviderServer; accountId: string }>();
  const refusals: { server: ProviderServer; reason: Refusal }[] = [];
  const tokenRequests: { server: ProviderServer; form: Record<string, string> }[] = [];
  const accountKey = (server: ProviderServer, id: string) => `${server}:${id}`;

  function authorize(server: ProviderServer, url: URL, response: ServerResponse): void {
    const q = url.searchParams;
    const account = accounts.get(accountKey(server, q.get('login') ?? ''));
    if (q.get('response_type') !== 'code' || q.get('client_id') !== clients[server].id || !q.get('redirect_uri') || !q.get('state')) {
      return json(response, 400, { error: 'invalid_request' });
    }
    if (q.get('code_challenge_method') !== 'S256' || !/^[\w-]{43}$/.test(q.get('code_challenge') ?? '')) return json(response, 400, { error: 'invalid_request', error_description: 'PKCE S256 required' });
    if (!account) return json(response, 400, { error: 'access_denied' });
    const code = random();
    codes.set(code, { server, accountId: account.id, redirectUri: q.get('redirect_uri')!, challenge: q.get('code_challenge')!, scope: q.get('scope') ?? '', offline: q.get('access_type') === 'offline', used: false, accessToken: null });
    const back = new URL(q.get('redirect_uri')!);
    back.searchParams.set('code', code);
    back.searchParams.set('state', q.get('state')!);
    response.writeHead(302, { location: back.toString() });
    response.end();
  }

  async function token(server: ProviderServer, request: IncomingMessage, response: ServerResponse): Promise<void> {
    const form = await formOf(request);
    tokenRequests.push({ server, form });
    const refused = (reason: Refusal) => {
      refusals.push({ server, reason });
      refuse(response, server, reason);
    };
    const client = clientOf(request, form);
    if (!client || client.id !== clients[server].id || client.secret !== clients[server].secret) return refused('bad_client');
    const issued = codes.get(form.code ?? '');
    if (form.grant_type !== 'authorization_code' || !issued || issued.server !== server) return refused('unknown_code');
    if (issued.used) {
      // A code presented twice: refuse it, and withdraw the token it bought.
      if (issued.accessToken) accessTokens.delete(issued.accessToken);
      return refused('code_reused');
    }
    issued.used = true;
    if (form.redirect_uri !== issued.redirectUri) return refused('redirect_mismatch');
    if (!form.code_verifier || s256(form.code_verifier) !== issued.challenge) return refused('pkce_mismatch');
    const accessToken = `${server}-at-${random()}`;
    issued.accessToken = accessToken;
    accessTokens.set(accessToken, { server, accountId: issued.accountId });
    if (server === 'github') return json(response, 200, { access_token: accessToken, token_type: 'bearer', scope: issued.scope.split(' ').join(',') });
    const refresh = issued.offline || issued.scope.includes('offline_access') ? { refresh_token: `${server}-rt-${random()}` } : {};
    const scope = server === 'linkedin' ? issued.scope.split(' ').join(',') : issued.scope;
    return json(response, 200, { access_token: accessToken, token_type: 'Bearer', expires_in: server === 'linkedin' ? 5_183_999 : 3599, scope, ...refresh });
  }

  function bearer(server: ProviderServer, request: IncomingMessage): ProviderAccount | null {
    const presented = /^(?:Bearer|token) (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const holder = presented ? accessTokens.get(presented) : undefined;
    return holder && holder.server === server ? (accounts.get(accountKey(server, holder.accountId)) ?? null) : null;
  }

  function profile(server: ProviderServer, path: string, request: IncomingMessage, response: ServerResponse): void {
    const account = bearer(server, request);
    if (account?.profileDown) return json(response, 503, server === 'github' ? { message: 'Service Unavailable' } : { error: 'temporarily_unavailable' });
    if (server === 'github') {
      if (!account) return json(response, 401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' });
      if (path === '/user') return json(response, 200, { login: account.name.toLowerCase().replace(/\W+/g, '-'), id: Number(account.id), avatar_url: `https://avatars.githubusercontent.com/u/${account.id}?v=4`, name: account.name, email: null });
      return json(response, 200, account.email ? [{ email: account.email, primary: true, verified: account.emailVerified, visibility: 'private' }] : []);
    }
    if (!account) return json(response, 401, { error: 'invalid_token' }, { 'www-authenticate': 'Bearer error="invalid_token"' });
    const [given = account.name, ...family] = account.name.split(' ');
    return json(response, 200, {
      sub: account.id,
      name: account.name,
      given_name: given,
      family_name: family.join(' ') || undefined,
      picture: `https://pictures.example/${server}/${account.id}.jpg`,
      ...(account.email ? { email: account.email, email_verified: account.emailVerified } : {}),
      ...(server === 'linkedin' ? { locale: { country: 'US', language: 'en' } } : {}),
    });
  }

  // Each server's own paths, under a prefix: GitHub's API root is /github/api.
  const routes: Record<string, (request: IncomingMessage, response: ServerResponse, url: URL) => void | Promise<void>> = {
    'GET /github/login/oauth/authorize': (_q, r, u) => authorize('github', u, r),
    'POST /github/login/oauth/access_token': (q, r) => token('github', q, r),
    'GET /github/api/user': (q, r) => profile('github', '/user', q, r),
    'GET /github/api/user/emails': (q, r) => profile('github', '/user/emails', q, r),
    'GET /google/o/oauth2/v2/auth': (_q, r, u) => authorize('google', u, r),
    'POST /google/token': (q, r) => token('google', q, r),
    'GET /google/v1/userinfo': (q, r) => profile('google', '', q, r),
    'GET /linkedin/oauth/v2/authorization': (_q, r, u) => authorize('linkedin', u, r),
    'POST /linkedin/oauth/v2/accessToken': (q, r) => token('linkedin', q, r),
    'GET /linkedin/v2/userinfo': (q, r) => profile('linkedin', '', q, r),
    'GET /microsoft/oauth2/v2.0/authorize': (_q, r, u) => authorize('microsoft', u, r),
    'POST /microsoft/oauth2/v2.0/token': (q, r) => token('microsoft', q, r),
    'GET /microsoft/oidc/userinfo': (q, r) => profile('microsoft', '', q, r),
  };

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const route = routes[`${request.method} ${url.pathname}`];
    if (!route) return json(response, 404, { message: 'Not Found' });
    Promise.resolve(route(request, response, url)).catch((error: unknown) => json(response, 500, { error: 'server_error', error_description: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const env: Record<string, string> = {
    OAUTH_GITHUB_CLIENT_ID: clients.github.id,
    OAUTH_GITHUB_CLIENT_SECRET: clients.github.secret,
    OAUTH_GITHUB_AUTHORIZE_URL: `${base}/github/login/oauth/authorize`,
    OAUTH_GITHUB_TOKEN_URL: `${base}/github/login/oauth/access_token`,
    OAUTH_GITHUB_USERINFO_URL: `${base}/github/api`,
    OAUTH_GOOGLE_CLIENT_ID: clients.google.id,
    OAUTH_GOOGLE_CLIENT_SECRET: clients.google.secret,
    OAUTH_GOOGLE_AUTHORIZE_URL: `${base}/google/o/oauth2/v2/auth`,
    OAUTH_GOOGLE_TOKEN_URL: `${base}/google/token`,
    OAUTH_GOOGLE_USERINFO_URL: `${base}/google/v1/userinfo`,
    OAUTH_LINKEDIN_CLIENT_ID: clients.linkedin.id,
    OAUTH_LINKEDIN_CLIENT_SECRET: clients.linkedin.secret,
    OAUTH_LINKEDIN_AUTHORIZE_URL: `${base}/linkedin/oauth/v2/authorization`,
    OAUTH_LINKEDIN_TOKEN_URL: `${base}/linkedin/oauth/v2/accessToken`,
    OAUTH_LINKEDIN_USERINFO_URL: `${base}/linkedin/v2/userinfo`,
    OAUTH_MICROSOFT_CLIENT_ID: clients.microsoft.id,
    OAUTH_MICROSOFT_CLIENT_SECRET: clients.microsoft.secret,
    OAUTH_MICROSOFT_AUTHORIZE_URL: `${base}/microsoft/oauth2/v2.0/authorize`,
    OAUTH_MICROSOFT_TOKEN_URL: `${base}/microsoft/oauth2/v2.0/token`,
    OAUTH_MICROSOFT_USERINFO_URL: `${base}/microsoft/oidc/userinfo`,
  };

  return {
    env,
    refusals,
    tokenRequests,
    addAccount: (provider, account) => accounts.set(accountKey(provider, account.id), account),
    async approve(authorizationUrl, accountId) {
      const url = new URL(authorizationUrl);
      url.searchParams.set('login', accountId);
      const response = await fetch(url, { redirect: 'manual' });
      const location = response.headers.get('location');
      if (response.status !== 302 || !location) throw new Error(`the provider answered ${response.status}: ${await response.text()}`);
      const redirectTo = new URL(location);
      return { code: redirectTo.searchParams.get('code') ?? '', state: redirectTo.searchParams.get('state') ?? '', redirectTo };
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
