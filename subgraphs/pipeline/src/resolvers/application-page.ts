import { badUserInput, isUuid, parsePage, type Cursor } from '@jobgraph/kit';
import type { ApplicationFilterValues, ApplicationPageQuery, ApplicationPosition, ListingApplicationPageQuery } from '../db/application-pages.ts';
import type { ApplicationFilter, JobListingApplicationsArgs, UserApplicationsArgs } from '../generated/resolvers.ts';
import { fromStageKind } from './stage-kind.ts';

const maxFilterValues = 100;
const microsecondTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** `User.applications` arguments as a page query; anything malformed is BAD_USER_INPUT before SQL runs. */
export function applicationPageQuery(args: UserApplicationsArgs): ApplicationPageQuery {
  const page = parsePage(args);
  return { limit: page.limit, after: page.after === null ? null : applicationPosition(page.after), filter: applicationFilter(args.filter ?? null) };
}

/** `JobListing.applications` arguments as a page query; anything malformed is BAD_USER_INPUT before SQL runs. */
export function listingApplicationPageQuery(args: JobListingApplicationsArgs): ListingApplicationPageQuery {
  const page = parsePage(args);
  return { limit: page.limit, after: page.after === null ? null : applicationPosition(page.after) };
}

/** A cursor's key must be the exact creation time this API put there, its id a uuid. */
function applicationPosition(cursor: Cursor): ApplicationPosition {
  if (typeof cursor.key !== 'string' || !microsecondTimestamp.test(cursor.key) || Number.isNaN(Date.parse(cursor.key)) || !isUuid(cursor.id)) {
    throw badUserInput('`after` is not a cursor this API issued.', { argument: 'after' });
  }
  return { createdAt: cursor.key, id: cursor.id.toLowerCase() };
}

function applicationFilter(filter: ApplicationFilter | null): ApplicationFilterValues {
  const stageIds = filter?.stageIds ?? [];
  const stageKinds = filter?.stageKinds ?? [];
  if (stageIds.length > maxFilterValues || stageKinds.length > maxFilterValues) {
    throw badUserInput(`A filter takes at most ${maxFilterValues} values per field.`, { argument: 'filter' });
  }
  return {
    stageIds: stageIds.length > 0 ? [...new Set(stageIds.map((id) => id.toLowerCase()))].sort() : null,
    stageKinds: stageKinds.length > 0 ? [...new Set(stageKinds.map(fromStageKind))].sort() : null,
    search: searchText(filter?.search ?? null),
    deleted: filter?.deleted ?? false,
  };
}

const maxSearchLength = 200;

/** A search as Postgres' websearch syntax reads it; blank is none, NUL bytes and overlong text are refused. */
function searchText(raw: string | null): string | null {
  if (raw === null) return null;
  if (raw.length > maxSearchLength || raw.includes('\u0000')) throw badUserInput(`A search is at most ${maxSearchLength} characters of text.`, { argument: 'filter' });
  const text = raw.trim();
  return text.length === 0 ? null : text;
}
