import type { FitExperience, FitListing, FitProfile } from './fit-inputs.ts';
import { titleSimilarity, titleTokens } from './title-tokens.ts';

export interface FactorValue {
  readonly value: number;
  readonly explanation: string;
  /** False when a fact is missing and the factor counts half. */
  readonly known: boolean;
}

const unknown = (explanation: string): FactorValue => ({ value: 500, explanation, known: false });
const known = (value: number, explanation: string): FactorValue => ({ value, explanation, known: true });
const list = (items: readonly string[], max = 5): string => items.slice(0, max).join(', ') + (items.length > max ? ` and ${items.length - max} more` : '');

/** Share of the listing's skills the candidate has. */
export function skillsFactor(profile: FitProfile, listing: FitListing): FactorValue {
  if (listing.skills.length === 0) return unknown('The listing names no skills.');
  const have = new Set(profile.skills);
  const matched = listing.skills.filter((skill) => have.has(skill));
  const missing = listing.skills.filter((skill) => !have.has(skill));
  const value = Math.round((matched.length * 1000) / listing.skills.length);
  const explanation =
    matched.length === 0
      ? `None of the listing's ${listing.skills.length} skills are in the profile (missing: ${list(missing)}).`
      : `${matched.length} of ${listing.skills.length} skills match (${list(matched)})${missing.length > 0 ? `; missing: ${list(missing)}` : ''}.`;
  return known(value, explanation);
}

/** The closest of the candidate's titles to the listing's, by the words that say what the work is. */
export function titleFactor(profile: FitProfile, listing: FitListing): FactorValue {
  if (profile.titles.length === 0) return unknown('The profile gives no desired or current title.');
  const wanted = titleTokens(listing.title);
  let best = { value: -1, title: '' };
  for (const title of profile.titles) {
    const value = titleSimilarity(titleTokens(title), wanted);
    if (value > best.value) best = { value, title };
  }
  return best.value === 0
    ? known(0, `No title in the profile resembles "${listing.title}".`)
    : known(best.value, `"${best.title}" shares ${Math.round(best.value / 10)}% of its words with "${listing.title}".`);
}

export const seniorityLevels = ['entry', 'mid', 'senior', 'lead', 'principal', 'executive'] as const;

/** The level years of experience usually mean. */
export function levelForYears(years: number): (typeof seniorityLevels)[number] {
  if (years <= 1) return 'entry';
  if (years <= 4) return 'mid';
  if (years <= 7) return 'senior';
  if (years <= 10) return 'lead';
  if (years <= 14) return 'principal';
  return 'executive';
}

const levelDistanceValue = [1000, 600, 200, 0] as const;

/** The listing's level against the levels the candidate wants, or else their years of experience. */
export function seniorityFactor(profile: FitProfile, listing: FitListing): FactorValue {
  const level = listing.seniority;
  const at = (name: string) => seniorityLevels.indexOf(name as (typeof seniorityLevels)[number]);
  if (level === null || at(level) < 0) return unknown('The listing gives no seniority.');
  const candidate = profile.levels.length > 0 ? profile.levels : profile.yearsOfExperience !== null ? [levelForYears(profile.yearsOfExperience)] : [];
  if (candidate.length === 0) return unknown('The profile gives neither levels nor years of experience.');
  const distance = Math.min(...candidate.map((name) => Math.abs(at(name) - at(level))));
  const value = levelDistanceValue[Math.min(distance, 3)] ?? 0;
  const source = profile.levels.length > 0 ? `wanted levels (${list(profile.levels)})` : `${profile.yearsOfExperience} years of experience (${candidate[0]})`;
  return known(value, distance === 0 ? `The ${level} level matches the ${source}.` : `The ${level} level is ${distance} step${distance > 1 ? 's' : ''} from the ${source}.`);
}

/** The listing's pay against the lowest the candidate would take, in the same currency. */
export function salaryFactor(profile: FitProfile, listing: FitListing): FactorValue {
  const top = listing.salaryMaxCents ?? listing.salaryMinCents;
  if (top === null || listing.salaryCurrency === null) return unknown('The listing shows no pay.');
  if (profile.salaryMinCents === null || profile.salaryCurrency === null) return unknown('The profile gives no desired salary.');
  if (profile.salaryCurrency !== listing.salaryCurrency) return unknown(`The listing pays in ${listing.salaryCurrency}, the profile asks in ${profile.salaryCurrency}.`);
  if (top >= profile.salaryMinCents) return known(1000, 'The listing pays at least the desired salary.');
  // Each percent short costs 20 thousandths: half the desired salary or less gives 0.
  const shortPerMille = Math.ceil(((profile.salaryMinCents - top) * 1000) / profile.salaryMinCents);
  const value = Math.max(0, 1000 - shortPerMille * 2);
  return known(value, `The listing pays up to ${Math.round(shortPerMille / 10)}% less than the desired salary.`);
}

const sameplace = (a: string, b: string): boolean => {
  const x = a.toLowerCase().trim();
  const y = b.toLowerCase().trim();
  return x !== '' && y !== '' && (x.includes(y) || y.includes(x));
};

/** Remote or on site, and the place, against the candidate's preference and locations. */
export function locationFactor(profile: FitProfile, listing: FitListing): FactorValue {
  const remote = listing.remoteType.toLowerCase();
  if (remote === 'remote') {
    return profile.remote === 'onsite' ? known(700, 'The listing is remote; the profile prefers on site.') : known(1000, 'The listing is remote.');
  }
  const place = listing.location;
  const matches = place !== null && profile.locations.some((location) => sameplace(location, place));
  if (profile.remote === 'remote') {
    return known(matches && remote === 'hybrid' ? 500 : matches ? 200 : 0, `The listing is ${remote}${place ? ` in ${place}` : ''}; the profile wants remote work.`);
  }
  if (matches) return known(1000, `The listing is ${remote} in ${place}, one of the profile's locations.`);
  if (profile.locations.length === 0 || place === null) return unknown(`The listing is ${remote}${place ? ` in ${place}` : ''}; the profile names no locations to compare.`);
  return known(200, `The listing is ${remote} in ${place}, not among the profile's locations.`);
}

const monthsBetween = (from: string, to: string): number => {
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  return ((ty ?? 0) - (fy ?? 0)) * 12 + ((tm ?? 0) - (fm ?? 0));
};

const recencySteps: readonly (readonly [number, number])[] = [
  [6, 900],
  [12, 750],
  [24, 500],
  [60, 250],
];

/** How recently the candidate did this kind of work: the latest relevant role, counted back from the listing's date. */
export function recencyFactor(profile: FitProfile, listing: FitListing): FactorValue {
  if (profile.experience.length === 0) return unknown('The profile lists no work experience.');
  const wanted = titleTokens(listing.title);
  const skills = new Set(listing.skills);
  const relevant = (entry: FitExperience) => titleSimilarity(titleTokens(entry.role), wanted) > 0 || entry.skills.some((skill) => skills.has(skill));
  const roles = profile.experience.filter(relevant);
  if (roles.length === 0) return known(0, 'No role in the profile resembles this listing.');
  const current = roles.find((entry) => entry.isCurrent);
  if (current) return known(1000, `Does this kind of work now (${current.role}).`);
  const ended = roles.filter((entry) => entry.endDate !== null).map((entry) => ({ role: entry.role, endDate: entry.endDate ?? '' }));
  if (ended.length === 0) return unknown('The relevant roles give no end date.');
  const latest = ended.reduce((a, b) => (b.endDate > a.endDate ? b : a));
  const months = Math.max(0, monthsBetween(latest.endDate, listing.date));
  const value = recencySteps.find(([limit]) => months <= limit)?.[1] ?? 100;
  return known(value, `Last did this kind of work ${months} month${months === 1 ? '' : 's'} before the listing (${latest.role}).`);
}
