import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database, NewFitScore } from '../../db/types.ts';
import { fitRulesVersion, fitWeights, type Fit, type FitProfile } from './fit-inputs.ts';
import { canMatch, fitListing, fitProfile, listingFitColumns } from './fit-rows.ts';
import { computeFit } from './fit-score.ts';

const batchSize = 500;

function fitRow(userId: string, listingId: string, fit: Fit): NewFitScore {
  return {
    user_id: userId,
    listing_id: listingId,
    score: fit.score,
    factors: JSON.stringify(fit.factors),
    rationale: fit.rationale,
    salary_estimate_cents: fit.salaryEstimateCents,
  };
}

async function upsert(trx: Kysely<Database>, rows: readonly NewFitScore[]): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .insertInto('fit_scores')
    .values([...rows])
    .onConflict((oc) =>
      oc.columns(['user_id', 'listing_id']).doUpdateSet((eb) => ({
        score: eb.ref('excluded.score'),
        factors: eb.ref('excluded.factors'),
        rationale: eb.ref('excluded.rationale'),
        salary_estimate_cents: eb.ref('excluded.salary_estimate_cents'),
        updated_at: sql<Date>`now()`,
      })),
    )
    .execute();
}

/** A user's profile and experience as fit inputs; null when there is no stored profile. */
export async function loadFitProfile(db: Kysely<Database>, userId: string): Promise<FitProfile | null> {
  const profile = await db.selectFrom('career_profiles').selectAll().where('user_id', '=', userId).executeTakeFirst();
  if (!profile) return null;
  const experience = await db
    .selectFrom('work_experiences')
    .select(['role', 'skills_used', 'is_current', 'end_date'])
    .where('user_id', '=', userId)
    .orderBy('position')
    .execute();
  return fitProfile(profile, experience);
}

/** What a user's fit scores depend on besides the listings: their fit inputs and the rules, as one SHA-256. */
export function fitProfileDigest(profile: FitProfile): string {
  return createHash('sha256').update(JSON.stringify([fitRulesVersion, fitWeights, profile])).digest('hex');
}

/**
 * Recomputes a user's fit with every open listing, after their profile changed; returns
 * how many listings were scored. When the fit inputs are those the stored scores were
 * computed from (the edit touched only the headline, summary, visibility…), nothing is
 * recomputed: listing changes keep those rows current on their own. A profile with
 * neither skills nor titles has no matches: its stored scores are removed. Viewed marks
 * survive, as the rows are updated in place.
 */
export async function recomputeFitForUser(trx: Kysely<Database>, userId: string): Promise<number> {
  const user = userId.toLowerCase();
  const profile = await loadFitProfile(trx, user);
  if (!profile || !canMatch(profile)) {
    await trx.deleteFrom('fit_scores').where('user_id', '=', user).execute();
    await trx.deleteFrom('fit_profile_digests').where('user_id', '=', user).execute();
    return 0;
  }
  const digest = fitProfileDigest(profile);
  const stored = await trx.selectFrom('fit_profile_digests').select('digest').where('user_id', '=', user).forUpdate().executeTakeFirst();
  if (stored?.digest === digest) return 0;
  await trx
    .insertInto('fit_profile_digests')
    .values({ user_id: user, digest })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ digest, updated_at: sql<Date>`now()` }))
    .execute();
  let after = '00000000-0000-0000-0000-000000000000';
  let count = 0;
  for (;;) {
    const listings = await trx
      .selectFrom('listing_features')
      .select(['listing_id', ...listingFitColumns])
      .where('status', '=', 'open')
      .where('listing_id', '>', after)
      .orderBy('listing_id')
      .limit(batchSize)
      .execute();
    await upsert(trx, listings.map((listing) => fitRow(user, listing.listing_id, computeFit(profile, fitListing(listing)))));
    count += listings.length;
    const last = listings.at(-1);
    if (!last || listings.length < batchSize) return count;
    after = last.listing_id;
  }
}

/**
 * Recomputes one listing's fit with every candidate whose profile can match, after the
 * listing changed. A listing that is no longer open keeps its rows (a reopened listing
 * keeps its viewed marks); matches read only open listings.
 */
export async function recomputeFitForListing(trx: Kysely<Database>, listingId: string): Promise<number> {
  const listing = await trx.selectFrom('listing_features').select(['listing_id', 'status', ...listingFitColumns]).where('listing_id', '=', listingId).executeTakeFirst();
  if (!listing || listing.status !== 'open') return 0;
  const inputs = fitListing(listing);
  let after = '00000000-0000-0000-0000-000000000000';
  let count = 0;
  for (;;) {
    const profiles = await trx.selectFrom('career_profiles').selectAll().where('user_id', '>', after).orderBy('user_id').limit(batchSize).execute();
    if (profiles.length === 0) return count;
    const experience = await trx
      .selectFrom('work_experiences')
      .select(['user_id', 'role', 'skills_used', 'is_current', 'end_date'])
      .where('user_id', 'in', profiles.map((profile) => profile.user_id))
      .orderBy('user_id')
      .orderBy('position')
      .execute();
    const byUser = Map.groupBy(experience, (entry) => entry.user_id);
    const rows: NewFitScore[] = [];
    for (const profile of profiles) {
      const candidate = fitProfile(profile, byUser.get(profile.user_id) ?? []);
      if (canMatch(candidate)) rows.push(fitRow(profile.user_id, listing.listing_id, computeFit(candidate, inputs)));
    }
    await upsert(trx, rows);
    count += rows.length;
    const last = profiles.at(-1);
    if (!last || profiles.length < batchSize) return count;
    after = last.user_id;
  }
}
