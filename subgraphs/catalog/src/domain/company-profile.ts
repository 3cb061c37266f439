import { fail, succeed, userError, type Outcome, type UserError } from '@jobgraph/kit';
import type { DbCompanySize, DbCompanyType } from '../db/types.ts';

/** The firmographics an employer states; omitted keeps, null clears. */
export interface CompanyProfileInput {
  readonly logoUrl?: URL | string | null;
  readonly industry?: string | null;
  readonly size?: DbCompanySize | null;
  readonly headquarters?: string | null;
  readonly foundedYear?: number | null;
  readonly type?: DbCompanyType | null;
  readonly webDomain?: string | null;
  readonly linkedinId?: string | null;
}

/** The same, as columns. */
export interface CompanyProfileColumns {
  logo_url?: string | null;
  industry?: string | null;
  size_band?: DbCompanySize | null;
  headquarters?: string | null;
  founded_year?: number | null;
  company_type?: DbCompanyType | null;
  web_domain?: string | null;
  linkedin_id?: string | null;
}

const domainPattern = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/;
const linkedinPattern = /^[a-z0-9][a-z0-9-]{0,99}$/;

/** Trimmed single-line text of 1 to `max` characters, or undefined when it is not. */
function line(value: string, max: number): string | undefined {
  const text = value.normalize('NFC').replace(/\s+/g, ' ').trim();
  return text.length >= 1 && text.length <= max && !/\p{Cc}/u.test(text) ? text : undefined;
}

/** "https://www.Acme.com/jobs" and "acme.com" are the domain `acme.com`. */
export function webDomainOf(value: string): string | undefined {
  const raw = value.trim();
  if (raw.length === 0 || raw.length > 2000) return undefined;
  let host: string;
  try {
    host = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`).hostname.toLowerCase();
  } catch {
    return undefined;
  }
  const domain = host.replace(/^www\./, '').replace(/\.$/, '');
  return domain.length <= 253 && domainPattern.test(domain) ? domain : undefined;
}

/** A company page address or its id: `https://www.linkedin.com/company/acme-robotics/` is `acme-robotics`. */
export function linkedinIdOf(value: string): string | undefined {
  const raw = value.trim().toLowerCase();
  const fromUrl = /^(?:https?:\/\/)?(?:[a-z]{2,3}\.)?linkedin\.com\/company\/([^/?#]+)\/?(?:[?#].*)?$/.exec(raw)?.[1];
  const id = fromUrl ?? raw;
  return linkedinPattern.test(id) ? id : undefined;
}

/** Validates the given firmographics against `now` (no founding in the future), reporting every problem. */
export function validateCompanyProfile(input: CompanyProfileInput, path: readonly string[], now: Date): Outcome<CompanyProfileColumns> {
  const errors: UserError[] = [];
  const columns: CompanyProfileColumns = {};
  const at = (field: string) => [...path, field];
  if (input.logoUrl !== undefined) {
    const url = input.logoUrl === null ? null : input.logoUrl.toString();
    if (url !== null && (!/^https:\/\//i.test(url) || url.length > 2000)) errors.push(userError('INVALID_LOGO_URL', 'Use an https address of at most 2000 characters.', at('logoUrl')));
    else columns.logo_url = url;
  }
  if (input.industry !== undefined) {
    const industry = input.industry === null ? null : line(input.industry, 80);
    if (industry === undefined) errors.push(userError('INVALID_INDUSTRY', 'Use 1 to 80 characters.', at('industry')));
    else columns.industry = industry;
  }
  if (input.headquarters !== undefined) {
    const headquarters = input.headquarters === null ? null : line(input.headquarters, 200);
    if (headquarters === undefined) errors.push(userError('INVALID_HEADQUARTERS', 'Use 1 to 200 characters.', at('headquarters')));
    else columns.headquarters = headquarters;
  }
  if (input.foundedYear !== undefined) {
    const year = input.foundedYear;
    if (year !== null && (!Number.isInteger(year) || year < 1600 || year > now.getUTCFullYear())) {
      errors.push(userError('INVALID_FOUNDED_YEAR', `Use a year from 1600 to ${now.getUTCFullYear()}.`, at('foundedYear')));
    } else columns.founded_year = year;
  }
  if (input.webDomain !== undefined) {
    const domain = input.webDomain === null ? null : webDomainOf(input.webDomain);
    if (domain === undefined) errors.push(userError('INVALID_WEB_DOMAIN', 'Use a domain such as acme.com.', at('webDomain')));
    else columns.web_domain = domain;
  }
  if (input.linkedinId !== undefined) {
    const id = input.linkedinId === null ? null : linkedinIdOf(input.linkedinId);
    if (id === undefined) errors.push(userError('INVALID_LINKEDIN_ID', 'Use the company id from its LinkedIn address (letters, digits, hyphens).', at('linkedinId')));
    else columns.linkedin_id = id;
  }
  if (input.size !== undefined) columns.size_band = input.size;
  if (input.type !== undefined) columns.company_type = input.type;
  return errors.length > 0 ? fail(...errors) : succeed(columns);
}
