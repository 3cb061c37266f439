import { badUserInput, isUuid, parsePage, toConnection, type ConnectionArgs, type Cursor } from '@jobgraph/kit';
import { sql, type Kysely } from 'kysely';
import type { Database, DbParsedEmailStatus, ParsedEmailRow, TrustedSender } from '../db/types.ts';

const microsecondTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
/** created_at to the microsecond as text: a JS Date drops microseconds, and a keyset on milliseconds would skip rows. */
const createdAtKey = (table: 'trusted_senders' | 'parsed_emails') => sql<string>`to_char(${sql.ref(`${table}.created_at`)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

function position(cursor: Cursor): { readonly key: string; readonly id: string } {
  if (typeof cursor.key !== 'string' || !microsecondTimestamp.test(cursor.key) || Number.isNaN(Date.parse(cursor.key)) || !isUuid(cursor.id)) {
    throw badUserInput('`after` is not a cursor this API issued.', { argument: 'after' });
  }
  return { key: cursor.key, id: cursor.id.toLowerCase() };
}

/** A user's trusted senders, oldest first. */
export async function trustedSenderPage(db: Kysely<Database>, userId: string, args: ConnectionArgs) {
  const page = parsePage(args);
  const after = page.after && position(page.after);
  const rows = await db
    .selectFrom('trusted_senders')
    .selectAll()
    .select(createdAtKey('trusted_senders').as('cursor_key'))
    .where('user_id', '=', userId)
    .$if(after !== null, (qb) => qb.where(sql<boolean>`(${createdAtKey('trusted_senders')}, id) > (${after?.key}, ${after?.id}::uuid)`))
    .orderBy('created_at')
    .orderBy('id')
    .limit(page.limit + 1)
    .execute();
  return toConnection<TrustedSender & { cursor_key: string }>(rows, page, (row) => ({ key: row.cursor_key, id: row.id }));
}

/** A user's inbound mail, newest first, optionally of one status. */
export async function inboundEmailPage(db: Kysely<Database>, userId: string, args: ConnectionArgs, status: DbParsedEmailStatus | null) {
  const page = parsePage(args);
  const after = page.after && position(page.after);
  const rows = await db
    .selectFrom('parsed_emails')
    .selectAll()
    .select(createdAtKey('parsed_emails').as('cursor_key'))
    .where('user_id', '=', userId)
    .$if(status !== null, (qb) => qb.where('status', '=', status as DbParsedEmailStatus))
    .$if(after !== null, (qb) => qb.where(sql<boolean>`(${createdAtKey('parsed_emails')}, id) < (${after?.key}, ${after?.id}::uuid)`))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
  return toConnection<ParsedEmailRow & { cursor_key: string }>(rows, page, (row) => ({ key: row.cursor_key, id: row.id }));
}
