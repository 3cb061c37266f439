import { appendToOutbox, fail, succeed, TimelineNoteAdded, TimelineNoteDeleted, TimelineNoteEdited, userError, type Outcome } from '@jobgraph/kit';
import { sql } from 'kysely';
import type { TimelineEntry } from '../db/types.ts';
import { timelineNoteEvent } from '../events/published.ts';
import { cleanText } from './clean-text.ts';
import type { PipelineDeps } from './deps.ts';
import { appendTimeline, timelineEntry } from './timeline.ts';
import { isEditableEntry, maxTimelineNoteLength, timelinePayload } from './timeline-payload.ts';

const entryNotFound = () => fail(userError('NOT_FOUND', 'You have no timeline entry with this id.', ['input', 'entryId']));

/** A note's text: trimmed, 1 to 5,000 characters. */
export function validateNoteText(raw: string): Outcome<string> {
  const text = cleanText(raw, maxTimelineNoteLength);
  if (!text.ok) return fail(userError('TOO_LONG', `Use at most ${maxTimelineNoteLength} characters.`, ['input', 'text']));
  if (text.value === null) return fail(userError('INVALID_TEXT', 'Write something in the note.', ['input', 'text']));
  return succeed(text.value);
}

/** The user notes something on one of their live applications (PI-12); publishes TimelineNoteAdded. */
export async function addTimelineNote(
  deps: PipelineDeps,
  userId: string,
  input: { readonly applicationId: string; readonly text: string; readonly occurredAt?: Date | null },
  now = new Date(),
): Promise<Outcome<TimelineEntry>> {
  const text = validateNoteText(input.text);
  if (!text.ok) return text;
  if (input.occurredAt && input.occurredAt.getTime() > now.getTime()) return fail(userError('DATE_IN_FUTURE', 'A note records what already happened.', ['input', 'occurredAt']));
  return deps.db.transaction().execute(async (trx) => {
    const application = await trx
      .selectFrom('applications')
      .select('id')
      .where('id', '=', input.applicationId.toLowerCase())
      .where('user_id', '=', userId)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (!application) return fail(userError('NOT_FOUND', 'You have no application with this id.', ['input', 'applicationId']));
    const [entry] = await appendTimeline(trx, [
      timelineEntry({ applicationId: application.id, userId, kind: 'note', author: 'user', payload: { text: text.value }, ...(input.occurredAt ? { occurredAt: input.occurredAt } : {}) }),
    ]);
    if (!entry) throw new Error('the note was not written');
    await appendToOutbox(trx, [timelineNoteEvent(TimelineNoteAdded, entry)]);
    return succeed(entry);
  });
}

/**
 * Edits or deletes a note the user wrote (`text` null: delete). Another user's entry
 * answers NOT_FOUND; an entry of the user's that is not their own note (a stage change,
 * a parsed email) answers NOT_EDITABLE. Entries on applications in the trash are out of reach.
 */
export async function changeTimelineNote(deps: PipelineDeps, userId: string, entryId: string, text: string | null): Promise<Outcome<TimelineEntry>> {
  const checked = text === null ? succeed(null) : validateNoteText(text);
  if (!checked.ok) return checked;
  return deps.db.transaction().execute(async (trx) => {
    const entry = await trx
      .selectFrom('timeline_entries')
      .innerJoin('applications', 'applications.id', 'timeline_entries.application_id')
      .selectAll('timeline_entries')
      .where('timeline_entries.id', '=', entryId.toLowerCase())
      .where('timeline_entries.user_id', '=', userId)
      .where('applications.deleted_at', 'is', null)
      .forUpdate('timeline_entries')
      .executeTakeFirst();
    if (!entry) return entryNotFound();
    if (!isEditableEntry(entry)) return fail(userError('NOT_EDITABLE', 'Only your own notes can be changed; the rest records what happened.', ['input', 'entryId']));
    if (checked.value === null) {
      await trx.deleteFrom('timeline_entries').where('id', '=', entry.id).execute();
      await appendToOutbox(trx, [timelineNoteEvent(TimelineNoteDeleted, entry)]);
      return succeed(entry);
    }
    const edited = await trx
      .updateTable('timeline_entries')
      .set({ payload: JSON.stringify(timelinePayload('note', { text: checked.value })), edited_at: sql<Date>`now()`, updated_at: sql<Date>`now()` })
      .where('id', '=', entry.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendToOutbox(trx, [timelineNoteEvent(TimelineNoteEdited, edited)]);
    return succeed(edited);
  });
}
