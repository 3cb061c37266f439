import { domainRole, type Domain } from './domains.ts';

/** The same server as `url`, another database. */
export function withDatabase(url: string, database: string): string {
  const next = new URL(url);
  next.pathname = `/${encodeURIComponent(database)}`;
  return next.toString();
}

/** The same server and database as `adminUrl`, signed in as the domain's own role. */
export function domainUrl(adminUrl: string, domain: Domain, password: string): string {
  const next = new URL(adminUrl);
  next.username = domainRole(domain);
  next.password = encodeURIComponent(password);
  return next.toString();
}

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, '')) || 'postgres';
}
