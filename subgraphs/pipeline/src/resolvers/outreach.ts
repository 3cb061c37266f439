import type { Outcome } from '@jobgraph/kit';
import type { DbContactChannel, OutreachContact as ContactRow, OutreachMessage as MessageRow } from '../db/types.ts';
import { mayReadNotesOf } from '../domain/access.ts';
import type { PipelineDeps } from '../domain/deps.ts';
import { addContact, deleteContact, draftMessage, moveMessage, updateContact, updateMessage } from '../domain/manage-outreach.ts';
import type { ContactInput } from '../domain/outreach-input.ts';
import type { OutreachStatus as DbOutreachStatus } from '../domain/outreach-status.ts';
import type { ApplicationResolvers, ContactChannel, MutationResolvers, OutreachContactResolvers, OutreachMessageResolvers, OutreachStatus } from '../generated/resolvers.ts';
import { requireViewerId } from './viewer.ts';

export const applicationContacts: NonNullable<ApplicationResolvers['contacts']> = async (application, _args, { principal, loaders }) =>
  mayReadNotesOf(principal, { userId: application.user_id }) ? [...(await loaders.contactsByApplication.load(application.id))] : [];

export const OutreachContact: OutreachContactResolvers = {
  application: async (contact, _args, { loaders }) => {
    const application = await loaders.applicationById.load(contact.application_id);
    if (!application) throw new Error(`contact ${contact.id} reached a viewer who may not read its application`);
    return application;
  },
  profileUrl: (contact) => contact.profile_url,
  channel: (contact) => contact.channel.toUpperCase() as ContactChannel,
  messages: async (contact, _args, { loaders }) => [...(await loaders.messagesByContact.load(contact.id))],
  createdAt: (contact) => contact.created_at,
  updatedAt: (contact) => contact.updated_at,
};

export const OutreachMessage: OutreachMessageResolvers = {
  contact: async (message, _args, { loaders }) => {
    const contact = await loaders.contactById.load(message.contact_id);
    if (!contact) throw new Error(`message ${message.id} reached a viewer who may not read its contact`);
    return contact;
  },
  status: (message) => message.status.toUpperCase() as OutreachStatus,
  sentAt: (message) => message.sent_at,
  answeredAt: (message) => message.answered_at,
  createdAt: (message) => message.created_at,
  updatedAt: (message) => message.updated_at,
};

interface ContactArgs {
  readonly name?: string | null;
  readonly role?: string | null;
  readonly profileUrl?: URL | null;
  readonly channel?: ContactChannel | null;
}

function contactInput(args: ContactArgs): ContactInput {
  const { channel, ...rest } = args;
  return { ...rest, ...(Object.hasOwn(args, 'channel') ? { channel: channel ? (channel.toLowerCase() as DbContactChannel) : null } : {}) };
}

const errorsOf = (outcome: Outcome<unknown>) => (outcome.ok ? [] : outcome.errors.map((e) => ({ ...e, field: [...e.field] })));
const contactPayload = (outcome: Outcome<ContactRow>) => ({ contact: outcome.ok ? outcome.value : null, errors: errorsOf(outcome) });
const messagePayload = (outcome: Outcome<MessageRow>) => ({ message: outcome.ok ? outcome.value : null, errors: errorsOf(outcome) });

/** h8: contacts and messages (PI-21). */
export function outreachMutations(deps: PipelineDeps): MutationResolvers {
  return {
    addContact: async (_parent, { input }, { principal }) => {
      const { applicationId, ...fields } = input;
      return contactPayload(await addContact(deps, requireViewerId(principal), applicationId, contactInput(fields)));
    },
    updateContact: async (_parent, { input }, { principal }) => {
      const { contactId, ...fields } = input;
      return contactPayload(await updateContact(deps, requireViewerId(principal), contactId, contactInput(fields)));
    },
    deleteContact: async (_parent, { input }, { principal }) => contactPayload(await deleteContact(deps, requireViewerId(principal), input.contactId)),
    draftOutreachMessage: async (_parent, { input }, { principal }) => {
      const { contactId, ...fields } = input;
      return messagePayload(await draftMessage(deps, requireViewerId(principal), contactId, fields));
    },
    updateOutreachMessage: async (_parent, { input }, { principal }) => {
      const { messageId, ...fields } = input;
      return messagePayload(await updateMessage(deps, requireViewerId(principal), messageId, fields));
    },
    moveOutreachMessage: async (_parent, { input }, { principal }) =>
      messagePayload(await moveMessage(deps, requireViewerId(principal), input.messageId, input.status.toLowerCase() as DbOutreachStatus)),
  };
}
