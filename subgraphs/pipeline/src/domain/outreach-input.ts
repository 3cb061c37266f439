import { fail, succeed, userError, type Outcome, type UserError } from '@jobgraph/kit';
import type { DbContactChannel } from '../db/types.ts';
import { maxShortTextLength, maxUrlLength, webAddress } from './application-input.ts';
import { cleanText } from './clean-text.ts';

export const maxMessageBodyLength = 10_000;
export const maxContactsPerApplication = 50;

export interface ContactInput {
  readonly name?: string | null;
  readonly role?: string | null;
  readonly profileUrl?: URL | string | null;
  readonly channel?: DbContactChannel | null;
}

export interface ContactPatch {
  name?: string;
  role?: string | null;
  profile_url?: string | null;
  channel?: DbContactChannel;
}

const at = (name: string) => ['input', name];
const tooLong = (max: number, field: string) => userError('TOO_LONG', `Use at most ${max} characters.`, at(field));

/** A contact's fields (PI-21); `creating` requires a name and a channel. */
export function validateContact(input: ContactInput, creating: boolean): Outcome<ContactPatch> {
  const errors: UserError[] = [];
  const patch: ContactPatch = {};
  const has = (key: keyof ContactInput) => creating || Object.hasOwn(input, key);
  if (has('name')) {
    const name = cleanText(input.name, maxShortTextLength, { singleLine: true });
    if (!name.ok) errors.push(tooLong(maxShortTextLength, 'name'));
    else if (name.value === null) errors.push(userError('INVALID_NAME', 'Give the contact a name.', at('name')));
    else patch.name = name.value;
  }
  if (has('role')) {
    const role = cleanText(input.role, maxShortTextLength, { singleLine: true });
    if (!role.ok) errors.push(tooLong(maxShortTextLength, 'role'));
    else patch.role = role.value;
  }
  if (has('profileUrl')) {
    const url = webAddress(input.profileUrl ?? null);
    if (url === 'invalid') errors.push(userError('INVALID_URL', 'Use an http or https address.', at('profileUrl')));
    else if (url !== null && url.length > maxUrlLength) errors.push(tooLong(maxUrlLength, 'profileUrl'));
    else patch.profile_url = url;
  }
  if (input.channel) patch.channel = input.channel;
  else if (has('channel')) errors.push(userError('CHANNEL_REQUIRED', 'Say how you reach them.', at('channel')));
  return errors.length > 0 ? fail(...errors) : succeed(patch);
}

export interface MessageInput {
  readonly subject?: string | null;
  readonly body?: string | null;
}

/** A message's text: a one-line subject of up to 200 characters, a body of 1 to 10,000. */
export function validateMessage(input: MessageInput, creating: boolean): Outcome<{ subject?: string | null; body?: string }> {
  const errors: UserError[] = [];
  const patch: { subject?: string | null; body?: string } = {};
  if (creating || Object.hasOwn(input, 'subject')) {
    const subject = cleanText(input.subject, maxShortTextLength, { singleLine: true });
    if (!subject.ok) errors.push(tooLong(maxShortTextLength, 'subject'));
    else patch.subject = subject.value;
  }
  if (creating || Object.hasOwn(input, 'body')) {
    const body = cleanText(input.body, maxMessageBodyLength);
    if (!body.ok) errors.push(tooLong(maxMessageBodyLength, 'body'));
    else if (body.value === null) errors.push(userError('INVALID_BODY', 'Write the message.', at('body')));
    else patch.body = body.value;
  }
  return errors.length > 0 ? fail(...errors) : succeed(patch);
}
