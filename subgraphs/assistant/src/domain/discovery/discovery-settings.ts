import { sql } from 'kysely';
import { CandidateDiscoveryChanged, appendToOutbox, fail, pendingEvent, succeed, userError, type Outcome, type UserError } from '@jobgraph/kit';
import type { CareerProfile } from '../../db/types.ts';
import { careerProfileId } from '../career-profile-id.ts';
import type { AssistantDeps } from '../deps.ts';
import { singleLineText } from '../plain-text.ts';

export interface DiscoverySettingsInput {
  readonly discoverable: boolean;
  readonly shareContact?: boolean | null;
  readonly contactEmail?: string | null;
  readonly contactPhone?: string | null;
}

/**
 * Sets whether employers may find the candidate and which contact details they see.
 * Announced as CandidateDiscoveryChanged (flags only; the contact details never leave).
 */
export async function updateDiscoverySettings(deps: AssistantDeps, userId: string, input: DiscoverySettingsInput): Promise<Outcome<CareerProfile>> {
  const errors: UserError[] = [];
  const phone = input.contactPhone ? singleLineText(input.contactPhone) : null;
  if (phone !== null && !/^\+?[\d\s().-]{6,40}$/.test(phone)) errors.push(userError('INVALID_PHONE', 'Give a phone number of digits, spaces and + ( ) . -.', ['input', 'contactPhone']));
  if (errors.length > 0) return fail(...errors);
  const user = userId.toLowerCase();
  const values = { discoverable: input.discoverable, share_contact: input.shareContact ?? false, contact_email: input.contactEmail?.trim() || null, contact_phone: phone || null };
  return deps.db.transaction().execute(async (trx) => {
    const profile = await trx
      .insertInto('career_profiles')
      .values({ id: careerProfileId(user), user_id: user, ...values })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ ...values, updated_at: sql<Date>`now()` }))
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendToOutbox(trx, [pendingEvent(CandidateDiscoveryChanged, profile.id, { profileId: profile.id, userId: user, discoverable: profile.discoverable, sharesContact: profile.share_contact })]);
    return succeed(profile);
  });
}
