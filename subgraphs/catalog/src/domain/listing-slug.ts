import { slugify } from './company-name.ts';

/** `senior-backend-engineer-1a2b3c4d`: the title's words and the id's first 8 hex digits; unique because the id is. */
export function listingSlug(title: string, id: string): string {
  // slugify answers `company` when no ASCII letter or digit is left; a listing is a `job`.
  const words = /[a-z0-9]/i.test(title.normalize('NFKD')) ? slugify(title).slice(0, 80).replace(/-+$/, '') : 'job';
  const suffix = id.toLowerCase().slice(0, 8);
  return words ? `${words}-${suffix}` : suffix;
}
