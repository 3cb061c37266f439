import type { PipelineDeps } from '../domain/deps.ts';
import { atsSenderDomains } from '../domain/email/ats-senders.ts';
import { forwardingAddress } from '../domain/email/forwarding-address.ts';
import { ensureForwardingToken } from '../domain/email/forwarding.ts';
import { inboundEmailPage, trustedSenderPage } from '../email/pages.ts';
import type { DbEmailClass, DbParsedEmailStatus, ParsedEmailExtracted } from '../db/types.ts';
import type { EmailClassification, EmailForwardingResolvers, InboundEmailResolvers, InboundEmailStatus, TrustedSenderResolvers, UserResolvers } from '../generated/resolvers.ts';
import { requireTrackerReader } from './viewer.ts';

/** The user whose forwarding settings are read; the resolvers below load the rest. */
export interface EmailForwardingParent {
  readonly userId: string;
  readonly token: string;
}

export interface EmailSettings {
  readonly inboundDomain: string;
}

export const toEmailClassification = (kind: DbEmailClass): EmailClassification => kind.toUpperCase() as EmailClassification;
export const fromEmailClassification = (kind: EmailClassification): DbEmailClass => kind.toLowerCase() as DbEmailClass;
export const toInboundEmailStatus = (status: DbParsedEmailStatus): InboundEmailStatus => status.toUpperCase() as InboundEmailStatus;

export function emailUserResolvers(deps: PipelineDeps): Pick<UserResolvers, 'emailForwarding' | 'inboundEmails'> {
  return {
    emailForwarding: async (user, _args, { principal }) => {
      requireTrackerReader(principal, user.id);
      const userId = user.id.toLowerCase();
      return { userId, token: await ensureForwardingToken(deps.db, userId) };
    },
    inboundEmails: async (user, args, { principal }) => {
      requireTrackerReader(principal, user.id);
      const status = args.status ? (args.status.toLowerCase() as DbParsedEmailStatus) : null;
      const connection = await inboundEmailPage(deps.db, user.id.toLowerCase(), args, status);
      return { edges: [...connection.edges], pageInfo: connection.pageInfo };
    },
  };
}

export function emailForwardingResolvers(deps: PipelineDeps, settings: EmailSettings): EmailForwardingResolvers {
  return {
    address: (parent) => forwardingAddress(parent.token, settings.inboundDomain),
    trustedSenders: async (parent, args) => {
      const connection = await trustedSenderPage(deps.db, parent.userId, args);
      return { edges: [...connection.edges], pageInfo: connection.pageInfo };
    },
    builtInTrustedDomains: () => [...atsSenderDomains],
    refusedCount: async (parent) => {
      const { count } = await deps.db
        .selectFrom('parsed_emails')
        .select((eb) => eb.fn.countAll<string>().as('count'))
        .where('user_id', '=', parent.userId)
        .where('status', '=', 'refused')
        .executeTakeFirstOrThrow();
      return Number(count);
    },
  };
}

export const TrustedSender: TrustedSenderResolvers = {
  kind: (row) => (row.kind === 'address' ? 'ADDRESS' : 'DOMAIN'),
  createdAt: (row) => row.created_at,
};

export const InboundEmail: InboundEmailResolvers = {
  text: (row) => row.body_text,
  attachmentCount: (row) => row.attachment_count,
  sentAt: (row) => row.sent_at,
  classification: (row) => (row.classification ? toEmailClassification(row.classification) : null),
  reasons: (row) => [...row.reasons],
  company: (row) => (row.extracted as Partial<ParsedEmailExtracted>).company ?? null,
  jobTitle: (row) => (row.extracted as Partial<ParsedEmailExtracted>).jobTitle ?? null,
  mentionedDates: (row) => ((row.extracted as Partial<ParsedEmailExtracted>).dates ?? []).flatMap((d) => (d.date ? [d.date] : [])),
  status: (row) => toInboundEmailStatus(row.status),
  application: (row, _args, { loaders }) => (row.application_id ? loaders.applicationById.load(row.application_id) : null),
  receivedAt: (row) => row.created_at,
};
