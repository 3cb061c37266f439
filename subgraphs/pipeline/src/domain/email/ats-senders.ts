/**
 * The applicant-tracking systems every user trusts without adding them: Greenhouse,
 * Lever, Workday, Ashby and SmartRecruiters, by the domains they send from. A sender
 * matches a domain when its address is at that domain or a subdomain of it.
 */
export const atsSenderDomains: readonly string[] = [
  'greenhouse.io',
  'greenhouse-mail.io',
  'hire.lever.co',
  'lever.co',
  'myworkday.com',
  'ashbyhq.com',
  'smartrecruiters.com',
];

export function isAtsSender(address: string): boolean {
  return atsSenderDomains.some((domain) => addressAtDomain(address, domain));
}

/** Whether `address` is at `domain` or one of its subdomains (`x@us.greenhouse-mail.io` is at `greenhouse-mail.io`). */
export function addressAtDomain(address: string, domain: string): boolean {
  const host = address.toLowerCase().split('@')[1] ?? '';
  const wanted = domain.toLowerCase();
  return host === wanted || host.endsWith(`.${wanted}`);
}
