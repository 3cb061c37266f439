import type DataLoader from 'dataloader';
import type { Kysely } from 'kysely';
import { isUser, isUuid, loaderByUuid, loaderOfLists, type Principal } from '@jobgraph/kit';
import {
  selectApplicationPages,
  selectListingApplicationPages,
  type ApplicationPageQuery,
  type ApplicationPageRow,
  type ListingApplicationPageQuery,
} from './db/application-pages.ts';
import { applicationColumns } from './db/application-columns.ts';
import { selectBoardRows, type BoardRow } from './db/board.ts';
import { selectTaskPages, type TaskPageQuery, type TaskPageRow } from './db/task-pages.ts';
import { selectCalendarPages, type CalendarPageQuery, type CalendarPageRow } from './db/calendar-pages.ts';
import { selectSavedJobPages, type SavedJobPageQuery, type SavedJobPageRow } from './db/saved-job-pages.ts';
import { selectTimelinePages, type TimelinePageQuery, type TimelinePageRow } from './db/timeline-pages.ts';
import type { Application, ApplicationStage, Database, DbCompanyRole } from './db/types.ts';
import { applicationReader, type CompanyMembership, type ListingOwner } from './domain/access.ts';

/** A listing as the projection knows it, with the viewer's role in the company that owns it (null: not a member). */
export interface ListingAccess {
  readonly listing: ListingOwner;
  readonly memberships: readonly CompanyMembership[];
}

/**
 * Per-request loaders. Those reached by an id a client chose (applications, listings)
 * answer only what the viewer may read (domain/access.ts): their own applications, and
 * the applications to listings of the companies they are a member of. Anonymous callers
 * may read nothing and cost no SQL. Those keyed by a parent (stages, timelines, pages)
 * serve parents the viewer was already allowed to load, or lists whose reader the
 * resolver has already checked.
 */
export function createLoaders(db: Kysely<Database>, principal: Principal) {
  const viewerId = isUser(principal) && isUuid(principal.userId) ? principal.userId.toLowerCase() : null;
  const none = async () => [];
  const membershipsOf = (companyId: string | null, role: DbCompanyRole | null): CompanyMembership[] =>
    viewerId !== null && companyId !== null && role !== null ? [{ companyId, userId: viewerId, role }] : [];

  const applicationPages = new Map<string, DataLoader<string, readonly ApplicationPageRow[]>>();
  const listingApplicationPages = new Map<string, DataLoader<string, readonly ApplicationPageRow[]>>();
  const taskPages = new Map<string, DataLoader<string, readonly TaskPageRow[]>>();
  const boardRows = new Map<string, DataLoader<string, readonly BoardRow[]>>();
  const timelinePages = new Map<string, DataLoader<string, readonly TimelinePageRow[]>>();
  const calendarPages = new Map<string, DataLoader<string, readonly CalendarPageRow[]>>();
  const savedJobPages = new Map<string, DataLoader<string, readonly SavedJobPageRow[]>>();
  const memo = <V>(cache: Map<string, DataLoader<string, V>>, query: unknown, make: () => DataLoader<string, V>): DataLoader<string, V> => {
    const key = JSON.stringify(query);
    let loader = cache.get(key);
    if (!loader) {
      loader = make();
      cache.set(key, loader);
    }
    return loader;
  };

  /**
   * Hands `applicationById` the viewer's own live applications a page read with its rows
   * (tasks, calendar events), so resolving them costs no statement. Only the viewer's own:
   * what `applicationById` would answer for them.
   */
  const primeLiveApplications = <Row extends { readonly live_application: Application | null }>(rows: Row[]): Row[] => {
    for (const { live_application: application } of rows) {
      if (application !== null && application.user_id === viewerId) loaders.applicationById.prime(application.id, application);
    }
    return rows;
  };

  /** Every stage a statement of this request read whole, by id (see `stageRead`). */
  const stagesRead = new Map<string, ApplicationStage>();
  const rememberStages = (stages: ApplicationStage[]): ApplicationStage[] => {
    for (const stage of stages) {
      stagesRead.set(stage.id, stage);
      loaders.stageById.prime(stage.id, stage);
    }
    return stages;
  };

  const loaders = {
    /**
     * A stage this request has already read with all of its user's stages (a page of
     * applications and a board read them beside their rows), or undefined: lets
     * `Application.stage` answer a page's hundred stages as plain values, where a
     * `stageById.load` each would cost a promise per row and make graphql-js await every
     * application of the list.
     */
    stageRead: (id: string): ApplicationStage | undefined => stagesRead.get(id),
    /**
     * Live applications by id that the viewer may read, in one statement: the viewer's
     * own, and those to listings of companies the viewer is a member of (projections).
     * SQL narrows the rows; the rule in domain/access.ts decides each one.
     */
    applicationById: loaderByUuid<Application>(
      viewerId === null
        ? none
        : async (ids) => {
            const rows = await db
              .selectFrom('applications')
              .leftJoin('listing_ownership', 'listing_ownership.job_listing_id', 'applications.job_listing_id')
              .leftJoin('company_members', (join) => join.onRef('company_members.company_id', '=', 'listing_ownership.company_id').on('company_members.user_id', '=', viewerId))
              .select(applicationColumns)
              .select(['listing_ownership.company_id as listing_company_id', 'company_members.role as viewer_company_role'])
              .where('applications.id', 'in', ids)
              .where('applications.deleted_at', 'is', null)
              .where((eb) => eb.or([eb('applications.user_id', '=', viewerId), eb('company_members.user_id', 'is not', null)]))
              .execute();
            return rows
              .filter((row) => {
                const listing = row.job_listing_id !== null && row.listing_company_id !== null ? { listingId: row.job_listing_id, companyId: row.listing_company_id } : null;
                const facts = { userId: row.user_id, jobListingId: row.job_listing_id };
                return applicationReader(principal, facts, listing, membershipsOf(row.listing_company_id, row.viewer_company_role)) !== null;
              })
              .map(({ listing_company_id: _company, viewer_company_role: _role, ...application }) => application);
          },
      (application) => application.id,
    ),
    /** The viewer's own live application to each listing id. */
    viewerApplicationByListing: loaderByUuid(
      viewerId === null
        ? none
        : (ids) =>
            db.selectFrom('applications').select(applicationColumns).where('job_listing_id', 'in', ids).where('user_id', '=', viewerId).where('deleted_at', 'is', null).execute(),
      (application) => application.job_listing_id ?? '',
    ),
    /**
     * Each listing's owner per the projection, with the viewer's membership of that
     * company, in one statement; null for a listing the projection does not know.
     */
    listingAccessById: loaderByUuid<ListingAccess>(
      viewerId === null
        ? none
        : async (ids) => {
            const rows = await db
              .selectFrom('listing_ownership')
              .leftJoin('company_members', (join) => join.onRef('company_members.company_id', '=', 'listing_ownership.company_id').on('company_members.user_id', '=', viewerId))
              .select(['listing_ownership.job_listing_id', 'listing_ownership.company_id', 'company_members.role'])
              .where('listing_ownership.job_listing_id', 'in', ids)
              .execute();
            return rows.map((row) => ({ listing: { listingId: row.job_listing_id, companyId: row.company_id }, memberships: membershipsOf(row.company_id, row.role) }));
          },
      (access) => access.listing.listingId,
    ),
    /**
     * Stages by id, archived ones included (applications may still sit in them). Reached
     * only from applications and timelines the viewer was allowed to load.
     */
    stageById: loaderByUuid(
      (ids) => db.selectFrom('application_stages').selectAll().where('id', 'in', ids).execute(),
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
      return memo(applicationPages, query, () => loaderOfLists((userIds) => selectApplicationPages(db, userIds, query), (row) => row.user_id));
    },
    /** One page of the applications to each listing id; one statement per distinct page request. */
    listingApplicationPages(query: ListingApplicationPageQuery): DataLoader<string, readonly ApplicationPageRow[]> {
      return memo(listingApplicationPages, query, () => loaderOfLists((listingIds) => selectListingApplicationPages(db, listingIds, query), (row) => row.job_listing_id ?? ''));
    },
    // ---- h8: board ----
    /** Every stage per user, archived ones included, in board order. Keys are users whose tracker the resolver let through. */
    allStagesByUser: loaderOfLists(
      async (userIds) => rememberStages(await db.selectFrom('application_stages').selectAll().where('user_id', 'in', userIds).orderBy('user_id').orderBy('position').execute()),
      (stage) => stage.user_id,
    ),
    /** The newest `perStage + 1` live applications of each stage with the stage's count, per user; one statement per distinct `perStage`. */
    boardRows(perStage: number): DataLoader<string, readonly BoardRow[]> {
      return memo(boardRows, perStage, () => loaderOfLists((userIds) => selectBoardRows(db, userIds, perStage), (row) => row.user_id));
    },
    /** One page of task lists per user id; one statement per distinct page request. */
    taskPages(query: TaskPageQuery): DataLoader<string, readonly TaskPageRow[]> {
      return memo(taskPages, query, () => loaderOfLists(async (userIds) => primeLiveApplications(await selectTaskPages(db, userIds, query)), (row) => row.user_id));
    },
    // ---- h8: timeline, calendar ----
    /** One page of timelines per application id; the resolver lets only the owner through. One statement per distinct page request. */
    timelinePages(query: TimelinePageQuery): DataLoader<string, readonly TimelinePageRow[]> {
      return memo(timelinePages, query, () => loaderOfLists((applicationIds) => selectTimelinePages(db, applicationIds, query), (row) => row.application_id));
    },
    /** One page of calendars per user id; one statement per distinct page request. */
    calendarPages(query: CalendarPageQuery): DataLoader<string, readonly CalendarPageRow[]> {
      return memo(calendarPages, query, () => loaderOfLists(async (userIds) => primeLiveApplications(await selectCalendarPages(db, userIds, query)), (row) => row.user_id));
    },
    /** Calendar events per application, soonest first; the resolver lets only the owner through. */
    calendarEventsByApplication: loaderOfLists(
      (applicationIds) => db.selectFrom('calendar_events').selectAll().where('application_id', 'in', applicationIds).orderBy('application_id').orderBy('starts_at').orderBy('id').execute(),
      (event) => event.application_id,
    ),
    /** The viewer's own calendar events by id (what a timeline entry links to). */
    calendarEventById: loaderByUuid(
      viewerId === null ? none : (ids) => db.selectFrom('calendar_events').selectAll().where('id', 'in', ids).where('user_id', '=', viewerId).execute(),
      (event) => event.id,
    ),
    /** The viewer's own tasks by id (what a timeline entry links to). */
    taskById: loaderByUuid(
      viewerId === null ? none : (ids) => db.selectFrom('tasks').selectAll().where('id', 'in', ids).where('user_id', '=', viewerId).execute(),
      (task) => task.id,
    ),
    // ---- h8: outreach ----
    /** Contacts per application, oldest first; the resolver lets only the owner through. */
    contactsByApplication: loaderOfLists(
      (applicationIds) => db.selectFrom('outreach_contacts').selectAll().where('application_id', 'in', applicationIds).orderBy('application_id').orderBy('created_at').orderBy('id').execute(),
      (contact) => contact.application_id,
    ),
    /** Messages per contact, oldest first; parents are contacts the viewer was allowed to load. */
    messagesByContact: loaderOfLists(
      (contactIds) => db.selectFrom('outreach_messages').selectAll().where('contact_id', 'in', contactIds).orderBy('contact_id').orderBy('created_at').orderBy('id').execute(),
      (message) => message.contact_id,
    ),
    /** The viewer's own contacts by id. */
    contactById: loaderByUuid(
      viewerId === null ? none : (ids) => db.selectFrom('outreach_contacts').selectAll().where('id', 'in', ids).where('user_id', '=', viewerId).execute(),
      (contact) => contact.id,
    ),
    // ---- h8: saved jobs and comparisons ----
    /** One page of saved listings per user id; one statement per distinct page request. */
    savedJobPages(query: SavedJobPageQuery): DataLoader<string, readonly SavedJobPageRow[]> {
      return memo(savedJobPages, query, () => loaderOfLists((userIds) => selectSavedJobPages(db, userIds, query), (row) => row.user_id));
    },
    /** Comparison sets per user, oldest first; keys are users whose tracker the resolver let through. */
    comparisonsByUser: loaderOfLists(
      (userIds) => db.selectFrom('comparisons').selectAll().where('user_id', 'in', userIds).orderBy('user_id').orderBy('created_at').orderBy('id').execute(),
      (comparison) => comparison.user_id,
    ),
    /** Listings per comparison, in the user's order. */
    comparisonItems: loaderOfLists(
      (comparisonIds) => db.selectFrom('comparison_items').selectAll().where('comparison_id', 'in', comparisonIds).orderBy('comparison_id').orderBy('position').execute(),
      (item) => item.comparison_id,
    ),
    /** The viewer's own inbound emails by id (what a timeline entry links to). */
    inboundEmailById: loaderByUuid(
      viewerId === null ? none : (ids) => db.selectFrom('parsed_emails').selectAll().where('id', 'in', ids).where('user_id', '=', viewerId).execute(),
      (email) => email.id,
    ),
  };
  return loaders;
}

export type Loaders = ReturnType<typeof createLoaders>;
