import { appendToOutbox, fail, succeed, userError, type Outcome } from '@jobgraph/kit';
import { sql } from 'kysely';
import type { Application } from '../db/types.ts';
import { applicationDeleted, applicationRestored } from '../events/published.ts';
import type { PipelineDeps } from './deps.ts';

/** How long a deleted application can be restored before the purge job removes it for good. */
export const restorableDays = 30;

const field = ['input', 'applicationId'];

/**
 * Moves one of `userId`'s live applications to the trash (PI-04): it leaves every list
 * and board, frees its listing for a new application, and can be restored for
 * `restorableDays`. Publishes ApplicationDeleted in the same transaction.
 */
export async function deleteApplication(deps: PipelineDeps, userId: string, applicationId: string): Promise<Outcome<Application>> {
  return deps.db.transaction().execute(async (trx) => {
    const deleted = await trx
      .updateTable('applications')
      .set({ deleted_at: sql<Date>`now()`, updated_at: sql<Date>`now()` })
      .where('id', '=', applicationId.toLowerCase())
      .where('user_id', '=', userId)
      .where('deleted_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (!deleted) return fail(userError('NOT_FOUND', 'You have no application with this id.', field));
    await appendToOutbox(trx, [applicationDeleted(deleted)]);
    return succeed(deleted);
  });
}

/**
 * Takes one of `userId`'s applications out of the trash, within `restorableDays` of its
 * deletion. Refused with ALREADY_APPLIED when the user tracks another live application to
 * the same listing by now (the partial unique index decides, so a race cannot slip by).
 */
export async function restoreApplication(deps: PipelineDeps, userId: string, applicationId: string): Promise<Outcome<Application>> {
  return deps.db.transaction().execute(async (trx) => {
    const trashed = await trx
      .selectFrom('applications')
      .select(['id', 'job_listing_id'])
      .where('id', '=', applicationId.toLowerCase())
      .where('user_id', '=', userId)
      .where('deleted_at', 'is not', null)
      .where('deleted_at', '>', sql<Date>`now() - make_interval(days => ${restorableDays})`)
      .forUpdate()
      .executeTakeFirst();
    if (!trashed) return fail(userError('NOT_FOUND', 'You have no deleted application with this id that can still be restored.', field));
    if (trashed.job_listing_id !== null) {
      const live = await trx
        .selectFrom('applications')
        .select('id')
        .where('user_id', '=', userId)
        .where('job_listing_id', '=', trashed.job_listing_id)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      if (live) return fail(userError('ALREADY_APPLIED', 'You are tracking another application to this listing; delete it first.', field));
    }
    const restored = await trx
      .updateTable('applications')
      .set({ deleted_at: null, updated_at: sql<Date>`now()` })
      .where('id', '=', trashed.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendToOutbox(trx, [applicationRestored(restored)]);
    return succeed(restored);
  });
}
