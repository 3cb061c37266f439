import type { CareerProfileData } from '@jobgraph/kit';
import type { CareerProfile } from '../db/types.ts';

/**
 * A profile as assistant.career-profile.v1 carries it: what matching and analytics need
 * (skills, openness, remote preference, experience). The user's own words (headline,
 * summary), desired titles, locations and salary stay in the assistant.
 */
export function careerProfileEventData(profile: CareerProfile): CareerProfileData {
  return {
    profileId: profile.id,
    userId: profile.user_id,
    skills: [...profile.skills],
    openToWork: profile.open_to_work,
    remotePreference: profile.remote_preference,
    yearsOfExperience: profile.years_of_experience,
  };
}
