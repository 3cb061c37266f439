import type { Kysely } from 'kysely';
import { CareerProfileCreated, appendToOutbox, pendingEvent } from '@jobgraph/kit';
import type { CareerProfile, Database } from '../db/types.ts';
import { careerProfileId } from './career-profile-id.ts';
import { careerProfileEventData } from './career-profile-events.ts';

/**
 * Stores a new user's empty career profile under the id the virtual empty profile
 * showed, and announces it (CareerProfileCreated, in the same transaction). Idempotent:
 * when the profile exists already (a repeated registration, or the user saved one before
 * the registration reached the assistant) nothing changes and nothing is announced.
 */
export async function createCareerProfile(trx: Kysely<Database>, userId: string): Promise<CareerProfile | null> {
  const user = userId.toLowerCase();
  const profile = await trx
    .insertInto('career_profiles')
    .values({ id: careerProfileId(user), user_id: user })
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!profile) return null;
  await appendToOutbox(trx, [pendingEvent(CareerProfileCreated, profile.id, careerProfileEventData(profile))]);
  return profile;
}
