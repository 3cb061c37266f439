import { CompiledQuery, type Compilable, type Kysely } from 'kysely';
import { statementHint } from '@jobgraph/db';
import type { Database } from './types.ts';

/** Where the n-th value goes while a statement is compiled. */
class Slot {
  readonly index: number;
  constructor(index: number) {
    this.index = index;
  }
}

/**
 * A statement Kysely builds and compiles once per shape, then runs again with new values.
 * Building a query tree and compiling it costs CPU on every call (the dashboard's board,
 * task and calendar pages select two dozen joined columns each: ≈ 2 ms of Kysely per
 * page-100 dashboard in pnpm bench:dashboard's profile); the SQL text depends only on the
 * shape (which clauses are present, how many ids), never on the values.
 *
 * `build` gets the shape (what decides the SQL text: which clauses, how many ids) and one
 * stand-in per value, typed `never` so it fits wherever a value goes: use them only as
 * values (never compute with them). Every parameter of the compiled statement
 * must be a stand-in, checked on the first compile of each shape.
 *
 * The text goes out as a named prepared statement (`statementHint('prepared')`): each
 * connection has Postgres parse and analyze it once, not at every call, and sends only
 * its values afterwards. Postgres plans it for its values the first five times, then keeps
 * a generic plan only when that costs no more (plan_cache_mode auto); pnpm bench:dashboard
 * prints both plans' times for each statement.
 */
export function compiledOnce<Shape, Row>(build: (db: Kysely<Database>, values: readonly never[], shape: Shape) => Compilable<Row>) {
  const compiled = new WeakMap<Kysely<Database>, Map<string, { sql: string; slots: readonly number[] }>>();
  return async (db: Kysely<Database>, shape: Shape, values: readonly unknown[]): Promise<Row[]> => {
    const key = `${values.length} ${JSON.stringify(shape)}`;
    let byShape = compiled.get(db);
    if (!byShape) {
      byShape = new Map();
      compiled.set(db, byShape);
    }
    let statement = byShape.get(key);
    if (!statement) {
      const query = build(db, values.map((_, index) => new Slot(index) as never), shape).compile();
      const slots = query.parameters.map((parameter) => {
        if (!(parameter instanceof Slot)) throw new Error(`a value was built into a reusable statement: ${query.sql}`);
        return parameter.index;
      });
      statement = { sql: `${statementHint('prepared')}${query.sql}`, slots };
      byShape.set(key, statement);
    }
    const result = await db.executeQuery<Row>(CompiledQuery.raw(statement.sql, statement.slots.map((index) => values[index])));
    return result.rows;
  };
}
