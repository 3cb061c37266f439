/** The five domains; each owns one Postgres schema and one login role of the same name. */
export const domains = ['identity', 'catalog', 'pipeline', 'assistant', 'billing'] as const;

export type Domain = (typeof domains)[number];

export function isDomain(value: string): value is Domain {
  return (domains as readonly string[]).includes(value);
}

/** The login role a domain's service connects as. */
export function domainRole(domain: Domain): string {
  return `jobgraph_${domain}`;
}
