import { appendToOutbox, ComparisonCreated, ComparisonDeleted, ComparisonUpdated, fail, JobSaved, JobUnsaved, SavedJobUpdated, succeed, userError, type Outcome } from '@jobgraph/kit';
import { sql, type Kysely } from 'kysely';
import type { Comparison, Database, DbTaskPriority, SavedJob } from '../db/types.ts';
import { comparisonEvent, savedJobEvent } from '../events/published.ts';
import { validateNote } from './application-input.ts';
import { maxComparisons, validateComparison } from './comparison-input.ts';
import type { PipelineDeps } from './deps.ts';
import { listingToApplyTo } from './listing-to-apply-to.ts';

const savedNotFound = () => fail(userError('NOT_FOUND', 'You have no saved job with this id.', ['input', 'savedJobId']));
const comparisonNotFound = () => fail(userError('NOT_FOUND', 'You have no comparison with this id.', ['input', 'comparisonId']));

/** Saves a listing the user may see (the projection's; another company's draft is not found) with a priority and a note (PI-23). */
export async function saveJob(deps: PipelineDeps, userId: string, input: { readonly jobId: string; readonly priority?: DbTaskPriority | null; readonly note?: string | null }): Promise<Outcome<SavedJob>> {
  const note = validateNote(input.note);
  if (!note.ok) return note;
  return deps.db.transaction().execute(async (trx) => {
    const listing = await listingToApplyTo(trx, userId, input.jobId.toLowerCase(), new Date());
    if (!listing.ok) return listing;
    const saved = await trx
      .insertInto('saved_jobs')
      .values({ user_id: userId, job_listing_id: listing.value.listingId, priority: input.priority ?? 'medium', note: note.value })
      .onConflict((oc) => oc.columns(['user_id', 'job_listing_id']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!saved) return fail(userError('ALREADY_SAVED', 'You saved this listing already.', ['input', 'jobId']));
    await appendToOutbox(trx, [savedJobEvent(JobSaved, saved)]);
    return succeed(saved);
  });
}

export async function updateSavedJob(deps: PipelineDeps, userId: string, savedJobId: string, input: { readonly priority?: DbTaskPriority | null; readonly note?: string | null }): Promise<Outcome<SavedJob>> {
  const note = validateNote(input.note);
  if (!note.ok) return note;
  const patch = { ...(input.priority ? { priority: input.priority } : {}), ...(Object.hasOwn(input, 'note') ? { note: note.value } : {}) };
  return deps.db.transaction().execute(async (trx) => {
    const saved = await trx
      .updateTable('saved_jobs')
      .set({ ...patch, updated_at: sql<Date>`now()` })
      .where('id', '=', savedJobId.toLowerCase())
      .where('user_id', '=', userId)
      .returningAll()
      .executeTakeFirst();
    if (!saved) return savedNotFound();
    await appendToOutbox(trx, [savedJobEvent(SavedJobUpdated, saved)]);
    return succeed(saved);
  });
}

export async function unsaveJob(deps: PipelineDeps, userId: string, savedJobId: string): Promise<Outcome<SavedJob>> {
  return deps.db.transaction().execute(async (trx) => {
    const saved = await trx.deleteFrom('saved_jobs').where('id', '=', savedJobId.toLowerCase()).where('user_id', '=', userId).returningAll().executeTakeFirst();
    if (!saved) return savedNotFound();
    await appendToOutbox(trx, [savedJobEvent(JobUnsaved, saved)]);
    return succeed(saved);
  });
}

/** Every listing must be one the user may see; the first that is not answers NOT_FOUND at its index. */
async function checkListings(trx: Kysely<Database>, userId: string, jobIds: readonly string[]): Promise<Outcome<readonly string[]>> {
  for (const [index, jobId] of jobIds.entries()) {
    const listing = await listingToApplyTo(trx, userId, jobId, new Date());
    if (!listing.ok) return fail(userError('NOT_FOUND', 'There is no listing with this id.', ['input', 'jobIds', String(index)]));
  }
  return succeed(jobIds);
}

async function writeItems(trx: Kysely<Database>, comparisonId: string, jobIds: readonly string[]): Promise<void> {
  await trx.deleteFrom('comparison_items').where('comparison_id', '=', comparisonId).execute();
  await trx.insertInto('comparison_items').values(jobIds.map((jobId, position) => ({ comparison_id: comparisonId, job_listing_id: jobId, position }))).execute();
}

/** A comparison set of 2 to 10 listings in the user's order (PI-24); ComparisonCreated. */
export async function createComparison(deps: PipelineDeps, userId: string, input: { readonly name: string; readonly jobIds: readonly string[] }): Promise<Outcome<Comparison>> {
  const checked = validateComparison(input, true);
  if (!checked.ok) return checked;
  const { name, jobIds } = checked.value;
  if (!name || !jobIds) return fail(userError('INVALID_NAME', 'Name the comparison and its listings.', ['input']));
  return deps.db.transaction().execute(async (trx) => {
    const listings = await checkListings(trx, userId, jobIds);
    if (!listings.ok) return listings;
    const count = await trx.selectFrom('comparisons').select((eb) => eb.fn.countAll<string>().as('n')).where('user_id', '=', userId).executeTakeFirstOrThrow();
    if (Number(count.n) >= maxComparisons) return fail(userError('TOO_MANY', `Keep at most ${maxComparisons} comparisons.`, ['input']));
    const comparison = await trx.insertInto('comparisons').values({ user_id: userId, name }).returningAll().executeTakeFirstOrThrow();
    await writeItems(trx, comparison.id, jobIds);
    await appendToOutbox(trx, [comparisonEvent(ComparisonCreated, comparison, jobIds)]);
    return succeed(comparison);
  });
}

export async function updateComparison(deps: PipelineDeps, userId: string, comparisonId: string, input: { readonly name?: string | null; readonly jobIds?: readonly string[] | null }): Promise<Outcome<Comparison>> {
  const checked = validateComparison(input, false);
  if (!checked.ok) return checked;
  return deps.db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('comparisons').selectAll().where('id', '=', comparisonId.toLowerCase()).where('user_id', '=', userId).forUpdate().executeTakeFirst();
    if (!current) return comparisonNotFound();
    const { name, jobIds } = checked.value;
    if (jobIds) {
      const listings = await checkListings(trx, userId, jobIds);
      if (!listings.ok) return listings;
      await writeItems(trx, current.id, jobIds);
    }
    const comparison = await trx.updateTable('comparisons').set({ ...(name ? { name } : {}), updated_at: sql<Date>`now()` }).where('id', '=', current.id).returningAll().executeTakeFirstOrThrow();
    const items = await trx.selectFrom('comparison_items').select('job_listing_id').where('comparison_id', '=', current.id).orderBy('position').execute();
    await appendToOutbox(trx, [comparisonEvent(ComparisonUpdated, comparison, items.map((i) => i.job_listing_id))]);
    return succeed(comparison);
  });
}

export async function deleteComparison(deps: PipelineDeps, userId: string, comparisonId: string): Promise<Outcome<Comparison>> {
  return deps.db.transaction().execute(async (trx) => {
    const items = await trx
      .selectFrom('comparison_items')
      .innerJoin('comparisons', 'comparisons.id', 'comparison_items.comparison_id')
      .select('comparison_items.job_listing_id')
      .where('comparisons.id', '=', comparisonId.toLowerCase())
      .where('comparisons.user_id', '=', userId)
      .orderBy('comparison_items.position')
      .execute();
    const comparison = await trx.deleteFrom('comparisons').where('id', '=', comparisonId.toLowerCase()).where('user_id', '=', userId).returningAll().executeTakeFirst();
    if (!comparison) return comparisonNotFound();
    await appendToOutbox(trx, [comparisonEvent(ComparisonDeleted, comparison, items.map((i) => i.job_listing_id))]);
    return succeed(comparison);
  });
}
