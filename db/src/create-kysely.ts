import { Kysely, PostgresDialect, type LogEvent } from 'kysely';
import pg from 'pg';
import { pipelineTransactions, type Pipelining } from './pipelined-transactions.ts';
import { parseTimestamptz } from './timestamptz.ts';

export interface CreateKyselyOptions {
  readonly url: string;
  /** Pool size; a subgraph rarely needs more than a handful on this hardware. */
  readonly maxConnections?: number;
  readonly applicationName?: string;
  /**
   * Which round trips and parsing the pool's connections save (default: all of it, see
   * `pipelineTransactions`); only benchmarks turn parts off, to measure the default against.
   */
  readonly pipelining?: Pipelining;
  /** Receives every query; used by tests that count statements. */
  readonly onQuery?: (event: LogEvent) => void;
}

/**
 * `bigint` and `numeric` come back as strings by default; counts and sums in cents fit a JS number.
 * A `date` stays the `YYYY-MM-DD` text it is: as a JS Date it would shift with the process's time zone.
 * A `timestamptz` is read by position when it has the UTC form (timestamptz.ts), pg's parser otherwise.
 */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === pg.types.builtins.INT8) return (value: string) => Number.parseInt(value, 10);
    if (oid === pg.types.builtins.DATE) return (value: string) => value;
    if (oid === pg.types.builtins.TIMESTAMPTZ && format !== 'binary') return parseTimestamptz;
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

export function createPool(options: CreateKyselyOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    application_name: options.applicationName ?? 'jobgraph',
    types,
  });
  // An idle client whose server connection dies (a restart, a dropped database) is
  // discarded by the pool; without a listener the error would crash the process.
  pool.on('error', () => {});
  pool.on('connect', (client) => pipelineTransactions(client, options.pipelining));
  return pool;
}

export function createKysely<DB>(options: CreateKyselyOptions): Kysely<DB> {
  const onQuery = options.onQuery;
  return new Kysely<DB>({
    dialect: new PostgresDialect({ pool: createPool(options) }),
    ...(onQuery ? { log: (event: LogEvent) => onQuery(event) } : {}),
  });
}
