export * from './mail/mail-outbox.ts';
export * from './mail/mail-relay.ts';
export * from './mail/smtp-sender.ts';
