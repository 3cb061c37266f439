import type { CareerProfile } from '../db/types.ts';
import { careerProfileId } from './career-profile-id.ts';

/** A career profile as the graph shows it: a saved row, or the empty one (`updated_at` null). */
export type CareerProfileView = Omit<CareerProfile, 'created_at' | 'updated_at'> & { readonly updated_at: Date | null };

/** What a user who has never saved a profile sees, so clients need no special case. */
export function emptyCareerProfile(userId: string): CareerProfileView {
  return {
    id: careerProfileId(userId),
    user_id: userId,
    headline: null,
    summary: null,
    skills: [],
    desired_titles: [],
    preferred_locations: [],
    remote_preference: 'any',
    desired_salary_min_cents: null,
    desired_salary_currency: null,
    open_to_work: false,
    years_of_experience: null,
    desired_salary_max_cents: null,
    work_authorizations: [],
    desired_levels: [],
    desired_functions: [],
    desired_industries: [],
    desired_job_types: [],
    languages: [],
    availability: null,
    current_title: null,
    current_company: null,
    education_level: null,
    discoverable: false,
    share_contact: false,
    contact_email: null,
    contact_phone: null,
    updated_at: null,
  };
}
