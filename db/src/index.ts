export * from './connection-url.ts';
export * from './create-kysely.ts';
export * from './domains.ts';
export * from './embedded-postgres.ts';
export * from './migrate-domain.ts';
export * from './provision.ts';
export * from './role-password.ts';
export { statementHint, type Pipelining, type StatementHint } from './pipelined-transactions.ts';
