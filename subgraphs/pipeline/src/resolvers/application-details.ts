import type { Principal } from '@jobgraph/kit';
import type { Application as ApplicationRow, ListingSnapshotJson } from '../db/types.ts';
import { mayReadNotesOf } from '../domain/access.ts';
import type { ApplicationResolvers, ApplicationSource } from '../generated/resolvers.ts';

/** The owner's details of an application (PI-03, PI-05); null for an employer who may read the application. */
const own =
  <T>(read: (application: ApplicationRow) => T) =>
  (application: ApplicationRow, _args: unknown, { principal }: { principal: Principal }): T | null =>
    mayReadNotesOf(principal, { userId: application.user_id }) ? read(application) : null;

const cents = (value: string | number | null): number | null => (value === null ? null : Number(value));

function snapshot(json: ListingSnapshotJson | null) {
  if (json === null) return null;
  return {
    title: json.title,
    companyName: json.companyName,
    status: json.status,
    employmentType: json.employmentType ?? null,
    remoteType: json.remoteType ?? null,
    seniority: json.seniority ?? null,
    location: json.location ?? null,
    tags: [...(json.tags ?? [])],
    salary: json.salary ? { minCents: json.salary.minCents, maxCents: json.salary.maxCents, currency: json.salary.currency } : null,
    postedAt: json.postedAt ? new Date(json.postedAt) : null,
    takenAt: new Date(json.takenAt),
  };
}

export const applicationDetails: Pick<
  ApplicationResolvers,
  'deadline' | 'followUpOn' | 'salary' | 'source' | 'sourceLabel' | 'employerRespondedAt' | 'listingSnapshot' | 'deletedAt'
> = {
  deadline: own((a) => a.deadline_on),
  followUpOn: own((a) => a.follow_up_on),
  salary: own((a) => (a.salary_currency === null ? null : { minCents: cents(a.salary_min_cents), maxCents: cents(a.salary_max_cents), currency: a.salary_currency })),
  source: own((a) => (a.source === null ? null : (a.source.toUpperCase() as ApplicationSource))),
  sourceLabel: own((a) => a.source_label),
  employerRespondedAt: own((a) => a.employer_responded_at),
  listingSnapshot: own((a) => snapshot(a.listing_snapshot)),
  deletedAt: own((a) => a.deleted_at),
};
