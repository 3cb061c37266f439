import {
  appendToOutbox,
  fail,
  OutreachContactAdded,
  OutreachContactDeleted,
  OutreachContactUpdated,
  OutreachMessageDrafted,
  OutreachMessageEdited,
  OutreachMessageStatusChanged,
  succeed,
  userError,
  type Outcome,
} from '@jobgraph/kit';
import { sql, type Kysely } from 'kysely';
import type { Database, OutreachContact, OutreachMessage } from '../db/types.ts';
import { outreachContactEvent, outreachMessageEvent } from '../events/published.ts';
import type { PipelineDeps } from './deps.ts';
import { maxContactsPerApplication, validateContact, validateMessage, type ContactInput, type MessageInput } from './outreach-input.ts';
import { isEditableMessage, planOutreachMove, type OutreachStatus } from './outreach-status.ts';

const contactNotFound = () => fail(userError('NOT_FOUND', 'You have no contact with this id.', ['input', 'contactId']));
const messageNotFound = () => fail(userError('NOT_FOUND', 'You have no message with this id.', ['input', 'messageId']));

/** The user's contact by id, locked, while its application is live; null for any other id. */
async function ownContact(trx: Kysely<Database>, userId: string, contactId: string): Promise<OutreachContact | null> {
  const contact = await trx
    .selectFrom('outreach_contacts')
    .innerJoin('applications', 'applications.id', 'outreach_contacts.application_id')
    .selectAll('outreach_contacts')
    .where('outreach_contacts.id', '=', contactId.toLowerCase())
    .where('outreach_contacts.user_id', '=', userId)
    .where('applications.deleted_at', 'is', null)
    .forUpdate('outreach_contacts')
    .executeTakeFirst();
  return contact ?? null;
}

async function ownMessage(trx: Kysely<Database>, userId: string, messageId: string): Promise<OutreachMessage | null> {
  const message = await trx
    .selectFrom('outreach_messages')
    .innerJoin('applications', 'applications.id', 'outreach_messages.application_id')
    .selectAll('outreach_messages')
    .where('outreach_messages.id', '=', messageId.toLowerCase())
    .where('outreach_messages.user_id', '=', userId)
    .where('applications.deleted_at', 'is', null)
    .forUpdate('outreach_messages')
    .executeTakeFirst();
  return message ?? null;
}

/** Adds a contact to one of the user's live applications (PI-21); OutreachContactAdded. */
export async function addContact(deps: PipelineDeps, userId: string, applicationId: string, input: ContactInput): Promise<Outcome<OutreachContact>> {
  const checked = validateContact(input, true);
  if (!checked.ok) return checked;
  const { name, channel, ...rest } = checked.value;
  if (!name || !channel) return fail(userError('INVALID_NAME', 'Give the contact a name and a channel.', ['input']));
  return deps.db.transaction().execute(async (trx) => {
    const application = await trx.selectFrom('applications').select('id').where('id', '=', applicationId.toLowerCase()).where('user_id', '=', userId).where('deleted_at', 'is', null).forUpdate().executeTakeFirst();
    if (!application) return fail(userError('NOT_FOUND', 'You have no application with this id.', ['input', 'applicationId']));
    const count = await trx.selectFrom('outreach_contacts').select((eb) => eb.fn.countAll<string>().as('n')).where('application_id', '=', application.id).executeTakeFirstOrThrow();
    if (Number(count.n) >= maxContactsPerApplication) return fail(userError('TOO_MANY', `An application has at most ${maxContactsPerApplication} contacts.`, ['input', 'applicationId']));
    const contact = await trx.insertInto('outreach_contacts').values({ application_id: application.id, user_id: userId, name, channel, ...rest }).returningAll().executeTakeFirstOrThrow();
    await appendToOutbox(trx, [outreachContactEvent(OutreachContactAdded, contact)]);
    return succeed(contact);
  });
}

export async function updateContact(deps: PipelineDeps, userId: string, contactId: string, input: ContactInput): Promise<Outcome<OutreachContact>> {
  const checked = validateContact(input, false);
  if (!checked.ok) return checked;
  return deps.db.transaction().execute(async (trx) => {
    const current = await ownContact(trx, userId, contactId);
    if (!current) return contactNotFound();
    const contact = await trx.updateTable('outreach_contacts').set({ ...checked.value, updated_at: sql<Date>`now()` }).where('id', '=', current.id).returningAll().executeTakeFirstOrThrow();
    await appendToOutbox(trx, [outreachContactEvent(OutreachContactUpdated, contact)]);
    return succeed(contact);
  });
}

/** Deletes a contact with their messages; answers the contact as it was. */
export async function deleteContact(deps: PipelineDeps, userId: string, contactId: string): Promise<Outcome<OutreachContact>> {
  return deps.db.transaction().execute(async (trx) => {
    const contact = await ownContact(trx, userId, contactId);
    if (!contact) return contactNotFound();
    await trx.deleteFrom('outreach_contacts').where('id', '=', contact.id).execute();
    await appendToOutbox(trx, [outreachContactEvent(OutreachContactDeleted, contact)]);
    return succeed(contact);
  });
}

/** Drafts a message to one of the user's contacts; OutreachMessageDrafted. */
export async function draftMessage(deps: PipelineDeps, userId: string, contactId: string, input: MessageInput): Promise<Outcome<OutreachMessage>> {
  const checked = validateMessage(input, true);
  if (!checked.ok) return checked;
  const { body, subject } = checked.value;
  if (body === undefined) return fail(userError('INVALID_BODY', 'Write the message.', ['input', 'body']));
  return deps.db.transaction().execute(async (trx) => {
    const contact = await ownContact(trx, userId, contactId);
    if (!contact) return contactNotFound();
    const message = await trx
      .insertInto('outreach_messages')
      .values({ contact_id: contact.id, application_id: contact.application_id, user_id: userId, subject: subject ?? null, body })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendToOutbox(trx, [outreachMessageEvent(OutreachMessageDrafted, message, null)]);
    return succeed(message);
  });
}

/** Edits a draft's subject or body; NOT_DRAFT once it was queued. */
export async function updateMessage(deps: PipelineDeps, userId: string, messageId: string, input: MessageInput): Promise<Outcome<OutreachMessage>> {
  const checked = validateMessage(input, false);
  if (!checked.ok) return checked;
  return deps.db.transaction().execute(async (trx) => {
    const current = await ownMessage(trx, userId, messageId);
    if (!current) return messageNotFound();
    if (!isEditableMessage(current.status)) return fail(userError('NOT_DRAFT', 'Only a draft can be edited; take a queued message back to draft first.', ['input', 'messageId']));
    const message = await trx.updateTable('outreach_messages').set({ ...checked.value, updated_at: sql<Date>`now()` }).where('id', '=', current.id).returningAll().executeTakeFirstOrThrow();
    await appendToOutbox(trx, [outreachMessageEvent(OutreachMessageEdited, message, current.status)]);
    return succeed(message);
  });
}

/** Moves a message along its states (domain/outreach-status.ts); OutreachMessageStatusChanged. */
export async function moveMessage(deps: PipelineDeps, userId: string, messageId: string, to: OutreachStatus, now = new Date()): Promise<Outcome<OutreachMessage>> {
  return deps.db.transaction().execute(async (trx) => {
    const current = await ownMessage(trx, userId, messageId);
    if (!current) return messageNotFound();
    const move = planOutreachMove(current.status, to, now);
    if (!move.ok) return move;
    const message = await trx
      .updateTable('outreach_messages')
      .set({
        status: move.value.status,
        ...(move.value.sentAt !== undefined ? { sent_at: move.value.sentAt } : {}),
        ...(move.value.answeredAt ? { answered_at: move.value.answeredAt } : {}),
        updated_at: sql<Date>`now()`,
      })
      .where('id', '=', current.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendToOutbox(trx, [outreachMessageEvent(OutreachMessageStatusChanged, message, current.status)]);
    return succeed(message);
  });
}
