import { createHash } from 'node:crypto';
import type pg from 'pg';

/** What node-postgres's client exposes to us here (its socket is not in its typings). */
interface PipelineClient {
  pipeline: boolean;
  readonly connection: { readonly stream: { cork(): void; uncork(): void } };
  query(text: unknown, values?: unknown, callback?: unknown): unknown;
}

/**
 * How a statement may be sent, said by a comment in front of its text (`statementHint`):
 * - `with-next`: the caller reads nothing of its answer (an outbox append, a relay's
 *   mark). Inside a transaction it goes out with the transaction's next statement —
 *   usually the COMMIT — in one write, instead of costing a round trip of its own. If it
 *   fails, the statement it went with fails with its error: a COMMIT then reports it
 *   (Postgres answers a COMMIT in a failed transaction by rolling back), so nothing of
 *   the transaction is kept and the caller's transaction rejects as it would have.
 * - `prepared`: a fixed hot statement, sent as a named prepared statement: each
 *   connection has it parsed and analyzed once instead of at every call.
 */
export type StatementHint = 'with-next' | 'prepared';

const hintStart = '/*jobgraph:';

/** The comment to put in front of a statement's text (e.g. `sql.raw(statementHint('prepared'))`). */
export function statementHint(...hints: readonly StatementHint[]): string {
  return `${hintStart}${hints.join(',')}*/ `;
}

/** Which pipelining a pool's connections do; every createKysely pool does all of it (benchmarks turn parts off to measure them). */
export interface Pipelining {
  /** BEGIN goes out with the transaction's first statement. */
  readonly begin?: boolean;
  /** `with-next` statements go out with the next statement of their transaction. */
  readonly withNext?: boolean;
  /** `prepared` statements are named prepared statements. */
  readonly prepared?: boolean;
}

const opensTransaction = /^\s*(begin|start\s+transaction)\b/i;
const isCommit = /^\s*commit\s*$/i;
const isRollback = /^\s*rollback\s*$/i;
const noValues = (values: unknown) => values === undefined || (Array.isArray(values) && values.length === 0);
const result = (command: string) => ({ command, rowCount: null, rows: [], fields: [], oid: 0 });

function hintsOf(text: string): readonly string[] {
  if (!text.startsWith(hintStart)) return [];
  const end = text.indexOf('*/');
  return end < 0 ? [] : text.slice(hintStart.length, end).split(',');
}

const names = new Map<string, string>();
/** A prepared statement's name: from its text, so one text always has one name on every connection. */
function nameOf(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `jobgraph_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
    names.set(text, name);
  }
  return name;
}

type Callback = (error: Error | null, answer?: unknown) => void;

interface Statement {
  readonly text: string;
  readonly values: unknown;
}

/**
 * Cuts round trips and server work per transaction on one node-postgres connection,
 * using its pipeline mode (a statement may go out before the previous one is answered;
 * Postgres answers in order, each statement with its own Sync):
 *
 * - A transaction's BEGIN goes out with its first statement, in one write, instead of
 *   waiting a round trip for BEGIN's answer. A transaction that ends before any
 *   statement sends nothing at all.
 * - A `with-next` statement (see `StatementHint`) goes out with the next one: a mutation
 *   (BEGIN + its change, then its outbox append + COMMIT) costs two round trips, not four.
 * - A `prepared` statement is sent by name, parsed once per connection.
 *
 * Kysely still awaits each statement it sends, so what is in flight on a connection is
 * always one transaction's statements, in order. A statement held back fails the
 * statement it went out with (its own error is reported, not "transaction is aborted"),
 * so no failure is ever lost; a ROLLBACK drops what was held.
 */
export function pipelineTransactions(client: pg.PoolClient, options: Pipelining = {}): void {
  const raw = client as unknown as PipelineClient;
  const query = raw.query.bind(raw);
  const foldBegin = options.begin ?? true;
  const holdWithNext = options.withNext ?? true;
  const prepare = options.prepared ?? true;
  raw.pipeline = true;
  /** Statements not sent yet: a transaction's BEGIN, `with-next` statements. */
  let held: Statement[] = [];
  /** BEGIN is among `held`: nothing of this transaction has gone out. */
  let beginHeld = false;
  let inTransaction = false;
  /** The first error of a statement that went out with a later one, reported on that one. */
  let failure: Error | null = null;

  const config = (statement: Statement) =>
    prepare && !noValues(statement.values) && hintsOf(statement.text).includes('prepared')
      ? { name: nameOf(statement.text), text: statement.text, values: statement.values }
      : noValues(statement.values)
        ? { text: statement.text }
        : { text: statement.text, values: statement.values };

  const noteFailure: Callback = (error) => {
    if (error && !failure) failure = error;
  };
  const sendHeld = () => {
    for (const before of held) query(config(before), noteFailure);
    held = [];
    beginHeld = false;
  };
  const sendHeldWith = (statement: Statement): Promise<unknown> => {
    const stream = raw.connection.stream;
    stream.cork();
    try {
      sendHeld();
      return new Promise((resolve, reject) => {
        query(config(statement), ((error, answer) => {
          const first = failure;
          failure = null;
          if (first) reject(first);
          else if (error) reject(error);
          else resolve(answer);
        }) satisfies Callback);
      });
    } finally {
      stream.uncork();
    }
  };

  raw.query = (text: unknown, values?: unknown, callback?: unknown) => {
    // node-postgres's other forms (config objects, callbacks): none of ours, sent as they come after what is held.
    if (typeof text !== 'string' || callback !== undefined || typeof values === 'function') {
      // A held statement's failure is then reported by the next statement of ours (at the latest, the COMMIT).
      sendHeld();
      return query(text, values, callback);
    }
    const plain = noValues(values);
    if (plain && !inTransaction && opensTransaction.test(text)) {
      inTransaction = true;
      failure = null;
      if (!foldBegin) return query(text, values);
      held = [{ text, values }];
      beginHeld = true;
      return Promise.resolve(result('BEGIN'));
    }
    const ends = plain && (isCommit.test(text) || isRollback.test(text));
    if (ends) inTransaction = false;
    if (ends && beginHeld && (isRollback.test(text) || held.length === 1)) {
      // Nothing of the transaction went out (or only BEGIN would): nothing to end on the server.
      held = [];
      beginHeld = false;
      return Promise.resolve(result(text.trim().toUpperCase()));
    }
    if (plain && isRollback.test(text)) {
      held = [];
      failure = null;
    }
    if (inTransaction && holdWithNext && hintsOf(text).includes('with-next')) {
      held.push({ text, values });
      return Promise.resolve(result('HELD'));
    }
    if (held.length === 0 && failure === null) {
      return hintsOf(text).includes('prepared') && prepare ? query(config({ text, values })) : query(text, values);
    }
    return sendHeldWith({ text, values });
  };
}
