import type { CareerProfile, ListingFeatures, WorkExperience } from '../../db/types.ts';
import type { CareerProfileView } from '../career-profile.ts';
import type { FitListing, FitProfile } from './fit-inputs.ts';
import { skillKeys } from './skill-key.ts';

type ExperienceFacts = Pick<WorkExperience, 'role' | 'skills_used' | 'is_current' | 'end_date'>;

/** A stored profile and its work experience (in the user's order) as fit inputs. */
export function fitProfile(profile: CareerProfile | CareerProfileView, experience: readonly ExperienceFacts[]): FitProfile {
  const titles = [...profile.desired_titles, ...(profile.current_title ? [profile.current_title] : []), ...experience.map((entry) => entry.role)];
  return {
    skills: skillKeys([...profile.skills, ...experience.flatMap((entry) => entry.skills_used)]),
    titles: [...new Set(titles)],
    yearsOfExperience: profile.years_of_experience,
    levels: profile.desired_levels,
    salaryMinCents: profile.desired_salary_min_cents,
    salaryCurrency: profile.desired_salary_currency,
    locations: profile.preferred_locations,
    remote: profile.remote_preference,
    experience: experience.map((entry) => ({ role: entry.role, skills: skillKeys(entry.skills_used), isCurrent: entry.is_current, endDate: entry.end_date })),
  };
}

export type ListingFitColumns = Pick<
  ListingFeatures,
  'title' | 'tags' | 'seniority' | 'salary_min_cents' | 'salary_max_cents' | 'salary_currency' | 'location' | 'remote_type' | 'posted_at' | 'event_time'
>;

/** The listing columns fit scores read. */
export const listingFitColumns = [
  'title', 'tags', 'seniority', 'salary_min_cents', 'salary_max_cents', 'salary_currency', 'location', 'remote_type', 'posted_at', 'event_time',
] as const;

/** A listing as fit inputs; it counts from when it was posted, else from its latest change. */
export function fitListing(listing: ListingFitColumns): FitListing {
  return {
    title: listing.title,
    skills: skillKeys(listing.tags),
    seniority: listing.seniority?.toLowerCase() ?? null,
    salaryMinCents: listing.salary_min_cents,
    salaryMaxCents: listing.salary_max_cents,
    salaryCurrency: listing.salary_currency,
    location: listing.location,
    remoteType: listing.remote_type,
    date: (listing.posted_at ?? listing.event_time).toISOString().slice(0, 10),
  };
}

/** Whether a profile says enough for matching: a skill or a title. Empty profiles get no matches. */
export function canMatch(profile: FitProfile): boolean {
  return profile.skills.length > 0 || profile.titles.length > 0;
}
