import { userError, type UserError } from '@jobgraph/kit';
import { normalizeDisplayName } from './display-name.ts';

/** What `updateMyAccount` may change: absent keys stay, null clears (except the display name). */
export interface ProfileChanges {
  readonly displayName?: string | null;
  readonly firstName?: string | null;
  readonly lastName?: string | null;
  readonly avatarUrl?: string | null;
  readonly phone?: string | null;
  readonly timezone?: string | null;
  readonly locale?: string | null;
  readonly bio?: string | null;
  readonly links?: readonly string[] | null;
}

export interface ProfileColumns {
  display_name?: string;
  first_name?: string | null;
  last_name?: string | null;
  avatar_url?: string | null;
  phone?: string | null;
  timezone?: string | null;
  locale?: string | null;
  bio?: string | null;
  links?: string[];
}

const field = (name: string) => ['input', name];
const visible = (raw: string, max: number): string | null => {
  const text = raw.normalize('NFC').replace(/\s+/g, ' ').trim();
  return text.length === 0 || text.length > max || /\p{Cc}/u.test(text) ? null : text;
};

const timezones = new Set(Intl.supportedValuesOf('timeZone'));
export const isTimeZone = (value: string) => timezones.has(value) || value === 'UTC';

export function isLocale(value: string): boolean {
  if (value.length > 35 || !/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(value)) return false;
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}

export function httpsUrl(raw: string): string | null {
  if (raw.length > 2048 || /\p{Cc}|\s/u.test(raw)) return null;
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' && url.hostname.includes('.') && !url.username && !url.password ? url.toString() : null;
  } catch {
    return null;
  }
}

/** Validates each given field; returns the columns to write, or every field's error at once. */
export function profileColumns(changes: ProfileChanges): { columns: ProfileColumns; changed: string[] } | { errors: UserError[] } {
  const columns: ProfileColumns = {};
  const errors: UserError[] = [];
  const changed: string[] = [];
  const given = <K extends keyof ProfileChanges>(key: K) => changes[key] !== undefined;

  if (given('displayName')) {
    const result = normalizeDisplayName(changes.displayName ?? '');
    if ('error' in result) errors.push(result.error);
    else columns.display_name = result.name;
  }
  for (const [key, column] of [['firstName', 'first_name'], ['lastName', 'last_name']] as const) {
    if (!given(key)) continue;
    const raw = changes[key];
    if (raw === null) columns[column] = null;
    else {
      const name = visible(raw ?? '', 100);
      if (name === null) errors.push(userError('INVALID_NAME', 'Use 1 to 100 visible characters.', field(key)));
      else columns[column] = name;
    }
  }
  if (given('avatarUrl')) {
    const raw = changes.avatarUrl;
    const url = raw === null || raw === undefined ? null : httpsUrl(raw);
    if (raw !== null && url === null) errors.push(userError('INVALID_URL', 'Use an https:// address of at most 2048 characters.', field('avatarUrl')));
    else columns.avatar_url = url;
  }
  if (given('phone')) {
    const raw = changes.phone;
    const phone = raw === null || raw === undefined ? null : raw.replace(/[\s().-]/g, '');
    if (phone !== null && !/^\+[1-9][0-9]{6,14}$/.test(phone)) errors.push(userError('INVALID_PHONE', 'Use the international form, e.g. +4930123456.', field('phone')));
    else columns.phone = phone;
  }
  if (given('timezone')) {
    const raw = changes.timezone ?? null;
    if (raw !== null && !isTimeZone(raw)) errors.push(userError('INVALID_TIMEZONE', 'Use an IANA time zone such as Europe/Berlin.', field('timezone')));
    else columns.timezone = raw;
  }
  if (given('locale')) {
    const raw = changes.locale ?? null;
    if (raw !== null && !isLocale(raw)) errors.push(userError('INVALID_LOCALE', 'Use a language tag such as de-DE.', field('locale')));
    else columns.locale = raw === null ? null : (Intl.getCanonicalLocales(raw)[0] ?? raw);
  }
  if (given('bio')) {
    const raw = changes.bio ?? null;
    const bio = raw === null ? null : raw.normalize('NFC').trim();
    if (bio !== null && (bio.length > 2000 || /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(bio))) {
      errors.push(userError('INVALID_BIO', 'Use at most 2000 characters of text.', field('bio')));
    } else columns.bio = bio === '' ? null : bio;
  }
  if (given('links')) {
    const raw = changes.links ?? [];
    const links = raw.map(httpsUrl);
    if (raw.length > 10 || links.some((link) => link === null)) errors.push(userError('INVALID_LINKS', 'Give at most 10 https:// links.', field('links')));
    else columns.links = [...new Set(links as string[])];
  }
  if (errors.length > 0) return { errors };
  for (const key of Object.keys(changes) as (keyof ProfileChanges)[]) if (given(key)) changed.push(key);
  return { columns, changed };
}
