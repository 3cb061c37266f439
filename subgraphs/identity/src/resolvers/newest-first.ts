import { badUserInput, parsePage, toConnection, type ConnectionArgs, type PageRequest } from '@jobgraph/kit';
import { sql, type RawBuilder } from 'kysely';

/** A Relay page of rows sorted newest first by a timestamp column, ties broken by id. */
export interface NewestFirstPage {
  readonly page: PageRequest;
  /** The keyset condition "after the cursor", or null on the first page. */
  after(column: string): RawBuilder<boolean> | null;
}

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
