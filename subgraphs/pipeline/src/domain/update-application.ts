import { appendToOutbox, fail, succeed, userError, type Outcome, type UserError } from '@jobgraph/kit';
import { sql } from 'kysely';
import type { Application, ApplicationUpdate } from '../db/types.ts';
import { applicationUpdated } from '../events/published.ts';
import { checkResponseOrder, validateApplicationDetails, type ApplicationDetailsInput } from './application-details.ts';
import { maxNotesLength, validateManualJob, type ManualJobInput } from './application-input.ts';
import { cleanText } from './clean-text.ts';
import type { PipelineDeps } from './deps.ts';

/** `updateApplication`'s input: an absent key leaves a value as it is, `null` clears it. */
export interface UpdateApplicationCommand extends ApplicationDetailsInput {
  readonly applicationId: string;
  /** Replaces the job entered by hand; only for an application that has one. */
  readonly manualJob?: ManualJobInput | null;
  readonly notes?: string | null;
  readonly appliedAt?: Date | null;
}

const notFound = () => fail(userError('NOT_FOUND', 'You have no application with this id.', ['input', 'applicationId']));

/**
 * Edits one of `userId`'s live applications (PI-03, PI-04) and publishes
 * ApplicationUpdated with the names of the fields that changed, in one transaction.
 * Someone else's application answers NOT_FOUND, exactly like one that does not exist.
 */
export async function updateApplication(deps: PipelineDeps, userId: string, command: UpdateApplicationCommand, now = new Date()): Promise<Outcome<Application>> {
  const errors: UserError[] = [];
  const details = validateApplicationDetails(command, now);
  if (!details.ok) errors.push(...details.errors);
  const patch: ApplicationUpdate = details.ok ? { ...details.value } : {};

  if (Object.hasOwn(command, 'notes')) {
    const notes = cleanText(command.notes, maxNotesLength);
    if (notes.ok) patch.notes = notes.value;
    else errors.push(userError('TOO_LONG', `Use at most ${maxNotesLength} characters.`, ['input', 'notes']));
  }
  if (Object.hasOwn(command, 'appliedAt')) {
    const appliedAt = command.appliedAt ?? null;
    if (appliedAt !== null && appliedAt.getTime() > now.getTime() + 5 * 60_000) {
      errors.push(userError('APPLIED_AT_IN_FUTURE', 'The application date may not be in the future.', ['input', 'appliedAt']));
    } else patch.applied_at = appliedAt;
  }
  if (command.manualJob) {
    const manual = validateManualJob(command.manualJob);
    if (!manual.ok) errors.push(...manual.errors);
    else if (manual.value.kind === 'manual') {
      Object.assign(patch, { manual_title: manual.value.title, manual_company_name: manual.value.companyName, manual_url: manual.value.url, manual_location: manual.value.location });
    }
  }
  if (errors.length > 0) return fail(...errors);

  return deps.db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('applications')
      .selectAll()
      .where('id', '=', command.applicationId.toLowerCase())
      .where('user_id', '=', userId)
      .where('deleted_at', 'is', null)
      .forUpdate()
      .executeTakeFirst();
    if (!current) return notFound();
    if (command.manualJob && current.job_listing_id !== null) {
      return fail(userError('NOT_MANUAL', 'This application is to a catalog listing; its job cannot be edited by hand.', ['input', 'manualJob']));
    }
    const order = checkResponseOrder(
      patch.applied_at === undefined ? current.applied_at : (patch.applied_at as Date | null),
      patch.employer_responded_at === undefined ? current.employer_responded_at : (patch.employer_responded_at as Date | null),
    );
    if (!order.ok) return order;
    const fields = Object.keys(patch);
    if (fields.length === 0) return succeed(current);

    const updated = await trx
      .updateTable('applications')
      .set({ ...patch, updated_at: sql<Date>`now()` })
      .where('id', '=', current.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendToOutbox(trx, [applicationUpdated(updated, fields)]);
    return succeed(updated);
  });
}
