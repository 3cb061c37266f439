import { createHmac } from 'node:crypto';
import type { Domain } from './domains.ts';

/**
 * Each domain role's password: `DB_PASSWORD_<DOMAIN>` when set, else derived from
 * `DB_ROLE_SECRET` so that one secret provisions all five roles. The embedded
 * development server uses a fixed secret; any shared server must set its own.
 */
export function domainRolePassword(domain: Domain, env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env[`DB_PASSWORD_${domain.toUpperCase()}`];
  if (explicit) return explicit;
  const secret = env.DB_ROLE_SECRET ?? 'jobgraph-development-only';
  return createHmac('sha256', secret).update(domain).digest('base64url');
}
