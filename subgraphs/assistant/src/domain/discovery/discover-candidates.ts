import { sql, type Kysely } from 'kysely';
import type { CareerProfile, Database } from '../../db/types.ts';
import { computeFit } from '../fit/fit-score.ts';
import { fitListing, fitProfile, listingFitColumns } from '../fit/fit-rows.ts';
import type { FitView } from '../fit/fit-view.ts';
import { skillKey } from '../fit/skill-key.ts';

export interface CandidateFilter {
  readonly skills?: readonly string[] | null;
  readonly titles?: readonly string[] | null;
  readonly location?: string | null;
  /** One of the company's listings: candidates are ranked by their fit with it. */
  readonly listingId?: string | null;
}

export interface CandidateHit {
  readonly profile: CareerProfile;
  readonly fit: FitView | null;
  /** What ranks the hit: its fit score with the listing, else how many asked-for skills it has. */
  readonly rank: number;
}

/** The most candidates one search ranks. */
const searchCap = 500;

/**
 * Discoverable candidates only (a hidden profile never enters the query) that have every
 * skill asked for, any title asked for (desired or current, case-insensitive substring)
 * and the location (a preferred location containing it). Ranked by fit with the given
 * listing of the company, else by the skills they match; ties by profile id.
 * Returns null when the listing is not one of the company's.
 */
export async function discoverCandidates(db: Kysely<Database>, companyId: string, filter: CandidateFilter): Promise<CandidateHit[] | null> {
  let listing = null;
  if (filter.listingId) {
    listing = await db.selectFrom('listing_features').select(['listing_id', 'company_id', ...listingFitColumns]).where('listing_id', '=', filter.listingId.toLowerCase()).executeTakeFirst();
    if (!listing || listing.company_id !== companyId.toLowerCase()) return null;
  }
  const skills = [...new Set((filter.skills ?? []).map(skillKey).filter((s) => s !== ''))];
  let query = db.selectFrom('career_profiles').selectAll().where('discoverable', '=', true);
  for (const title of (filter.titles ?? []).map((t) => t.trim()).filter((t) => t !== '').slice(0, 10)) {
    const like = `%${title.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb('current_title', 'ilike', like), sql<boolean>`exists (select 1 from unnest(${eb.ref('desired_titles')}) t where t ilike ${like})`]));
  }
  const location = filter.location?.trim();
  if (location) {
    const like = `%${location.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where(sql<boolean>`exists (select 1 from unnest(preferred_locations) l where l ilike ${like})`);
  }
  const rows = await query.orderBy('id').limit(searchCap * 4).execute();
  const withSkills = rows.filter((row) => {
    const keys = new Set(row.skills.map(skillKey));
    return skills.every((skill) => keys.has(skill));
  });
  const experience = listing && withSkills.length > 0
    ? await db.selectFrom('work_experiences').select(['user_id', 'role', 'skills_used', 'is_current', 'end_date']).where('user_id', 'in', withSkills.map((row) => row.user_id)).orderBy('user_id').orderBy('position').execute()
    : [];
  const hits = withSkills.slice(0, searchCap).map((profile): CandidateHit => {
    if (!listing) return { profile, fit: null, rank: profile.skills.length };
    const fit = computeFit(fitProfile(profile, experience.filter((entry) => entry.user_id === profile.user_id)), fitListing(listing));
    return { profile, fit: { ...fit, salaryCurrency: listing.salary_currency }, rank: fit.score };
  });
  return hits.sort((a, b) => b.rank - a.rank || (a.profile.id < b.profile.id ? -1 : a.profile.id > b.profile.id ? 1 : 0));
}
