import type DataLoader from 'dataloader';
import type { Kysely } from 'kysely';
import { isUser, isUuid, loaderByUuid, loaderOfLists, type Principal } from '@jobgraph/kit';
import { selectApplicationPages, type ApplicationPageQuery, type ApplicationPageRow } from './db/application-pages.ts';
import type { Database } from './db/types.ts';

/**
 * Per-request loaders. Those reached by an id a client chose (applications, stages,
 * listings) read the viewer's own rows only, so no id, `_entities` included, can reach
 * someone else's application; anonymous callers own nothing and cost no SQL. Those keyed
 * by user id serve lists whose owner the resolver has already checked (domain/access.ts).
 */
export function createLoaders(db: Kysely<Database>, principal: Principal) {
  const viewerId = isUser(principal) && isUuid(principal.userId) ? principal.userId.toLowerCase() : null;
  const none = async () => [];

  const applicationPages = new Map<string, DataLoader<string, readonly ApplicationPageRow[]>>();

  return {
    /** The viewer's live applications by id. */
    applicationById: loaderByUuid(
      viewerId === null
        ? none
        : (ids) => db.selectFrom('applications').selectAll().where('id', 'in', ids).where('user_id', '=', viewerId).where('deleted_at', 'is', null).execute(),
      (application) => application.id,
    ),
    /** The viewer's live application to each listing id. */
    viewerApplicationByListing: loaderByUuid(
      viewerId === null
        ? none
        : (ids) =>
            db.selectFrom('applications').selectAll().where('job_listing_id', 'in', ids).where('user_id', '=', viewerId).where('deleted_at', 'is', null).execute(),
      (application) => application.job_listing_id ?? '',
    ),
    /** The viewer's stages by id, archived ones included (applications may still sit in them). */
    stageById: loaderByUuid(
      viewerId === null ? none : (ids) => db.selectFrom('application_stages').selectAll().where('id', 'in', ids).where('user_id', '=', viewerId).execute(),
      (stage) => stage.id,
    ),
    /** Active stages per user, in board order. */
    activeStagesByUser: loaderOfLists(
      (userIds) => db.selectFrom('application_stages').selectAll().where('user_id', 'in', userIds).where('archived_at', 'is', null).orderBy('user_id').orderBy('position').execute(),
      (stage) => stage.user_id,
    ),
    /** Timeline per application, oldest first. Parents are applications the viewer was allowed to load. */
    historyByApplication: loaderOfLists(
      (applicationIds) =>
        db
          .selectFrom('application_stage_changes')
          .selectAll()
          .where('application_id', 'in', applicationIds)
          .orderBy('application_id')
          .orderBy('changed_at')
          .orderBy('id')
          .execute(),
      (change) => change.application_id,
    ),
    /**
     * One page of application lists per user id; one loader (and one statement) per
     * distinct page request, so a list of users with the same arguments costs one query.
     */
    applicationPages(query: ApplicationPageQuery): DataLoader<string, readonly ApplicationPageRow[]> {
      const key = JSON.stringify(query);
      let loader = applicationPages.get(key);
      if (!loader) {
        loader = loaderOfLists((userIds) => selectApplicationPages(db, userIds, query), (row) => row.user_id);
        applicationPages.set(key, loader);
      }
      return loader;
    },
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
