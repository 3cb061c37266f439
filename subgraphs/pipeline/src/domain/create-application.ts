import { appendToOutbox, fail, succeed, userError, type Outcome } from '@jobgraph/kit';
import { sql, type InsertObject, type Kysely } from 'kysely';
import type { Application, Database, DbTimelineAuthor } from '../db/types.ts';
import { applicationCreated } from '../events/published.ts';
import { checkResponseOrder, validateApplicationDetails, type ApplicationDetailsInput, type ApplicationDetailsPatch } from './application-details.ts';
import { validateNewApplication, type ApplicationDraft, type NewApplicationInput } from './application-input.ts';
import { ensureDefaultStages } from './default-stages.ts';
import type { PipelineDeps } from './deps.ts';
import { chooseInitialStage } from './initial-stage.ts';
import { listingToApplyTo } from './listing-to-apply-to.ts';
import { appendTimeline, stageChangeEntries } from './timeline.ts';

/**
 * Starts tracking an application for `userId`, in one transaction: the user's default
 * stages when they have none yet, the application in its initial stage, and the first
 * timeline entry, and ApplicationCreated in the outbox. A second live application to the same listing is refused by the
 * partial unique index, so two racing requests cannot both succeed.
 */
export async function createApplication(deps: PipelineDeps, userId: string, input: NewApplicationInput & ApplicationDetailsInput, now = new Date()): Promise<Outcome<Application>> {
  const draft = validateNewApplication(input, now);
  const details = validateApplicationDetails(input, now);
  if (!draft.ok || !details.ok) return fail(...(draft.ok ? [] : draft.errors), ...(details.ok ? [] : details.errors));

  return deps.db.transaction().execute((trx) => createApplicationIn(trx, userId, draft.value, userId, null, { details: details.value, now }));
}

export interface CreateApplicationOptions {
  /** Deadline, salary, source and the rest, already validated. */
  readonly details?: ApplicationDetailsPatch;
  readonly now?: Date;
  /** Who the first timeline entry names; the user when `changedBy` is given, else the system. */
  readonly author?: DbTimelineAuthor;
}

/**
 * `createApplication`'s work inside the caller's transaction, for a change that must
 * commit with more of its own (an inbound email's record). `changedBy` is who the first
 * timeline entry names: the user, or null when the system (the email parser) made it.
 */
export async function createApplicationIn(
  trx: Kysely<Database>,
  userId: string,
  draft: ApplicationDraft,
  changedBy: string | null,
  note: string | null = null,
  options: CreateApplicationOptions = {},
): Promise<Outcome<Application>> {
  const now = options.now ?? new Date();
  const { target } = draft;
  const listing = target.kind === 'listing' ? await listingToApplyTo(trx, userId, target.jobListingId, now) : null;
  if (listing && !listing.ok) return listing;

  await ensureDefaultStages(trx, userId);
  const stages = await trx.selectFrom('application_stages').selectAll().where('user_id', '=', userId).execute();
  const stage = chooseInitialStage(stages, draft.stageId);
  if (!stage.ok) return stage;
  // A job on the wishlist has not been applied to yet.
  const appliedAt = stage.value.kind === 'wishlist' ? null : (draft.appliedAt ?? now);
  const order = checkResponseOrder(appliedAt, options.details?.employer_responded_at ?? null);
  if (!order.ok) return order;

  const application = await trx
    .insertInto('applications')
    .values({
      ...newApplicationRow(userId, stage.value.id, draft, stage.value.kind === 'wishlist'),
      ...options.details,
      listing_snapshot: listing?.ok ? JSON.stringify(listing.value) : null,
    })
    .onConflict((oc) => oc.columns(['user_id', 'job_listing_id']).where('job_listing_id', 'is not', null).where('deleted_at', 'is', null).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!application) return fail(userError('ALREADY_APPLIED', 'You are tracking an application to this listing already.', ['input', 'jobId']));

  const change = await trx
    .insertInto('application_stage_changes')
    .values({ application_id: application.id, from_stage_id: null, to_stage_id: stage.value.id, note, changed_by: changedBy })
    .returningAll()
    .executeTakeFirstOrThrow();
  await appendTimeline(trx, stageChangeEntries(application, change, null, stage.value, options.author ?? (changedBy === null ? 'system' : 'user')));
  await appendToOutbox(trx, [applicationCreated(application, stage.value)]);
  return succeed(application);
}

function newApplicationRow(userId: string, stageId: string, draft: ApplicationDraft, wishlist: boolean): InsertObject<Database, 'applications'> {
  const { target } = draft;
  return {
    user_id: userId,
    stage_id: stageId,
    notes: draft.notes,
    // Without a date given, the database's now(): the very created_at of the row. None on the wishlist.
    applied_at: wishlist ? null : (draft.appliedAt ?? sql<Date>`now()`),
    ...(target.kind === 'listing'
      ? { job_listing_id: target.jobListingId }
      : { manual_title: target.title, manual_company_name: target.companyName, manual_url: target.url, manual_location: target.location }),
  };
}
