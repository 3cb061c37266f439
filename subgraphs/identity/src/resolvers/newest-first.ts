import { badUserInput, parsePage, toConnection, type ConnectionArgs, type PageRequest } from '@jobgraph/kit';
import { sql, type RawBuilder, type SelectQueryBuilder } from 'kysely';

/** A Relay page of rows sorted newest first by a timestamp column, ties broken by id. */
export interface NewestFirstPage {
  readonly page: PageRequest;
  /** The keyset condition "after the cursor", or null on the first page. */
  after(column: string): RawBuilder<boolean> | null;
}

/** The columns of a row that hold a timestamp: the only ones a newest-first list can sort by. */
export type TimeColumn<Row> = { [K in keyof Row]: Row[K] extends Date ? K : never }[keyof Row] & string;

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function newestFirstPage(args: ConnectionArgs): NewestFirstPage {
  const page = parsePage(args);
  return {
    page,
    after(column) {
      if (!page.after) return null;
      const at = new Date(String(page.after.key));
      if (Number.isNaN(at.getTime()) || !uuid.test(page.after.id)) throw badUserInput('`after` is not a cursor of this list.', { argument: 'after' });
      // Column names come from this module's callers, never from input.
      return sql<boolean>`(${sql.ref(column)}, id) < (${at}, ${page.after.id}::uuid)`;
    },
  };
}

export function newestFirstConnection<T extends { id: string }>(rows: readonly T[], page: PageRequest, timeOf: (row: T) => Date) {
  const connection = toConnection(rows, page, (row) => ({ key: timeOf(row).toISOString(), id: row.id }));
  return { edges: [...connection.edges], pageInfo: connection.pageInfo };
}

/**
 * Runs `query` (already narrowed to what the list shows) as one newest-first page: the
 * keyset condition of the cursor, the order by `column` then id, one row more than the page
 * to know whether another follows.
 */
export async function newestFirst<DB, TB extends keyof DB, Row extends { id: string }>(query: SelectQueryBuilder<DB, TB, Row>, args: ConnectionArgs, column: TimeColumn<Row>) {
  const { page, after } = newestFirstPage(args);
  const condition = after(column);
  const rows = await (condition ? query.where(condition) : query)
    .orderBy(sql.ref(column), 'desc')
    .orderBy(sql.ref('id'), 'desc')
    .limit(page.limit + 1)
    .execute();
  return newestFirstConnection(rows, page, (row) => row[column] as Date);
}
