import type { DbRemotePreference } from '../db/types.ts';
import type { CareerPreferencesResolvers, CareerProfileResolvers, RemotePreference } from '../generated/resolvers.ts';

export const toRemotePreference = (value: DbRemotePreference): RemotePreference => value.toUpperCase() as RemotePreference;
export const fromRemotePreference = (value: RemotePreference): DbRemotePreference => value.toLowerCase() as DbRemotePreference;

export const CareerProfile: CareerProfileResolvers = {
  id: (profile) => profile.id,
  headline: (profile) => profile.headline,
  summary: (profile) => profile.summary,
  skills: (profile) => profile.skills,
  preferences: (profile) => profile,
  yearsOfExperience: (profile) => profile.years_of_experience,
  updatedAt: (profile) => profile.updated_at,
};

export const CareerPreferences: CareerPreferencesResolvers = {
  desiredTitles: (profile) => profile.desired_titles,
  locations: (profile) => profile.preferred_locations,
  remote: (profile) => toRemotePreference(profile.remote_preference),
  desiredSalary: (profile) =>
    profile.desired_salary_min_cents !== null && profile.desired_salary_currency !== null
      ? { amountCents: profile.desired_salary_min_cents, currency: profile.desired_salary_currency }
      : null,
  openToWork: (profile) => profile.open_to_work,
};
