import type pg from 'pg';

/** What node-postgres's client exposes to us here (its socket is not in its typings). */
interface PipelineClient {
  pipeline: boolean;
  readonly connection: { readonly stream: { cork(): void; uncork(): void } };
  query(text: unknown, values?: unknown, callback?: unknown): unknown;
}

const opensTransaction = /^\s*(begin|start\s+transaction)\b/i;
const endsTransaction = /^\s*(commit|rollback)\s*$/i;
const noValues = (values: unknown) => values === undefined || (Array.isArray(values) && values.length === 0);
const result = (command: string) => ({ command, rowCount: null, rows: [], fields: [], oid: 0 });

/**
 * Sends a transaction's BEGIN together with its first statement, in one write, instead
 * of waiting a round trip for BEGIN's answer: every transaction Kysely opens (a
 * mutation's change + outbox append, a consumer's batch, a relay's claim) costs one
 * round trip less, and Postgres wakes once for both. node-postgres's pipeline mode lets a
 * second query go out before the first is answered; Kysely still awaits each statement,
 * so nothing else is ever in flight on a connection.
 *
 * BEGIN's answer is known before the statement's (Postgres answers in order). BEGIN
 * fails only when the session is already broken, and then the statement behind it
 * fails too; should BEGIN ever fail alone, the COMMIT reports that error instead of
 * succeeding. A transaction that ends before any statement sends nothing at all.
 */
export function beginWithFirstStatement(client: pg.PoolClient): void {
  const raw = client as unknown as PipelineClient;
  const query = raw.query.bind(raw);
  let deferred: string | null = null;
  let beginFailed: unknown = null;
  raw.pipeline = true;
  raw.query = (text: unknown, values?: unknown, callback?: unknown) => {
    const plain = typeof text === 'string' && noValues(values) && callback === undefined;
    if (plain && deferred === null && opensTransaction.test(text)) {
      deferred = text;
      beginFailed = null;
      return Promise.resolve(result('BEGIN'));
    }
    if (deferred !== null) {
      const begin = deferred;
      deferred = null;
      if (plain && endsTransaction.test(text)) return Promise.resolve(result(text.trim().toUpperCase()));
      const stream = raw.connection.stream;
      stream.cork();
      try {
        (query(begin) as Promise<unknown>).catch((error: unknown) => (beginFailed = error));
        return query(text, values, callback);
      } finally {
        stream.uncork();
      }
    }
    if (plain && beginFailed !== null && /^\s*commit\s*$/i.test(text)) {
      const error = beginFailed;
      beginFailed = null;
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    return query(text, values, callback);
  };
}
