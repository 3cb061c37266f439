import { badUserInput } from './errors.ts';

/** Relay's forward pagination arguments as they arrive from GraphQL. */
export interface ConnectionArgs {
  readonly first?: number | null;
  readonly after?: string | null;
}

/** A keyset position: the sort value of the last row seen and its id as tie-breaker. */
export interface Cursor {
  readonly key: string | number;
  readonly id: string;
}

export interface PageRequest {
  /** Rows the client asked for; fetch `limit + 1` to learn whether there is a next page. */
  readonly limit: number;
  readonly after: Cursor | null;
}

export interface PageSizes {
  readonly defaultSize: number;
  readonly maxSize: number;
}

export const defaultPageSizes: PageSizes = { defaultSize: 20, maxSize: 100 };

const cursorPrefix = 'c1:';

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(cursorPrefix + JSON.stringify([cursor.key, cursor.id])).toString('base64url');
}

export function decodeCursor(value: string): Cursor {
  const text = Buffer.from(value, 'base64url').toString('utf8');
  if (text.startsWith(cursorPrefix)) {
    try {
      const parsed: unknown = JSON.parse(text.slice(cursorPrefix.length));
      if (Array.isArray(parsed) && parsed.length === 2 && (typeof parsed[0] === 'string' || typeof parsed[0] === 'number') && typeof parsed[1] === 'string') {
        return { key: parsed[0], id: parsed[1] };
      }
    } catch {
      // fall through to the error below
    }
  }
  throw badUserInput('`after` is not a cursor this API issued.', { argument: 'after' });
}

/** Validates `first`/`after`; `first` is capped so no client can ask for an unbounded list. */
export function parsePage(args: ConnectionArgs, sizes: PageSizes = defaultPageSizes): PageRequest {
  const first = args.first ?? sizes.defaultSize;
  if (!Number.isInteger(first) || first < 0 || first > sizes.maxSize) {
    throw badUserInput(`\`first\` must be between 0 and ${sizes.maxSize}.`, { argument: 'first' });
  }
  return { limit: first, after: args.after ? decodeCursor(args.after) : null };
}

export interface Edge<T> {
  readonly cursor: string;
  readonly node: T;
}

export interface Connection<T> {
  readonly edges: readonly Edge<T>[];
  readonly pageInfo: {
    readonly hasNextPage: boolean;
    readonly hasPreviousPage: boolean;
    readonly startCursor: string | null;
    readonly endCursor: string | null;
  };
}

/**
 * Shapes `limit + 1` fetched rows into a connection. An edge's cursor is encoded when
 * first read (most clients ask `pageInfo { endCursor }`, not every edge's cursor).
 */
export function toConnection<T>(rows: readonly T[], page: PageRequest, cursorOf: (row: T) => Cursor): Connection<T> {
  const nodes = rows.slice(0, page.limit);
  const edges = nodes.map((node): Edge<T> => {
    let cursor: string | undefined;
    return {
      get cursor() {
        cursor ??= encodeCursor(cursorOf(node));
        return cursor;
      },
      node,
    };
  });
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > page.limit,
      hasPreviousPage: page.after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
