import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKysely } from '@jobgraph/db';
import { createTestDatabase, type TestDatabase } from '@jobgraph/db/testing';
import { parseTimestamptz } from '../src/timestamptz.ts';

const pgParser = pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ, 'text') as (text: string) => Date | number | null;
const epoch = (value: Date | number | null) => (value instanceof Date ? value.getTime() : value);

describe('parseTimestamptz', () => {
  it('reads the UTC form as pg does, with every length of fraction', () => {
    const texts: string[] = [];
    for (let i = 0; i < 500; i += 1) {
      const instant = new Date(Date.UTC(100 + ((i * 37) % 9900), i % 12, 1 + (i % 28), i % 24, (i * 7) % 60, (i * 13) % 60, (i * 101) % 1000));
      const [day, time] = instant.toISOString().slice(0, 23).split('T') as [string, string];
      const fraction = `${String(instant.getUTCMilliseconds()).padStart(3, '0')}${String((i * 7919) % 1000).padStart(3, '0')}`.slice(0, i % 7);
      texts.push(`${day} ${time.slice(0, 8)}${fraction ? `.${fraction}` : ''}+00`);
    }
    for (const text of texts) expect(epoch(parseTimestamptz(text)), text).toBe(epoch(pgParser(text)));
    expect(parseTimestamptz('2026-11-26 06:16:23.123456+00')).toEqual(new Date('2026-11-26T06:16:23.123Z'));
    expect(parseTimestamptz('2026-11-26 06:16:23+00')).toEqual(new Date('2026-11-26T06:16:23.000Z'));
    expect(parseTimestamptz('2026-11-26 06:16:23.5+00')).toEqual(new Date('2026-11-26T06:16:23.500Z'));
  });

  it('leaves every other form to pg: offsets, early and late years, BC, infinity, malformed text', () => {
    for (const text of ['2026-11-26 11:46:23.1+05:30', '2026-11-25 22:16:23-08', '0050-03-01 00:00:00+00', '0099-12-31 23:59:59.999+00', '12026-11-26 06:16:23+00', '2026-11-26 06:16:23+00 BC', 'infinity', '-infinity', '2026-11-26 06:16:23.+00', '2026-1a-26 06:16:23+00']) {
      expect(epoch(parseTimestamptz(text)), text).toEqual(epoch(pgParser(text)));
    }
  });
});

describe('timestamptz through a pool', () => {
  let database: TestDatabase;
  let db: Kysely<unknown>;
  beforeAll(async () => {
    database = await createTestDatabase();
    db = createKysely<unknown>({ url: database.adminUrl, maxConnections: 1 });
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  it('answers the instant Postgres holds, whatever the session time zone', async () => {
    const written = new Date('2026-03-29T01:59:59.987Z');
    for (const zone of ['UTC', 'Asia/Kolkata', 'America/Los_Angeles']) {
      const row = await db.connection().execute(async (connection) => {
        await sql`select set_config('timezone', ${zone}, false)`.execute(connection);
        const answer = await sql<{ at: Date; micro: Date; early: Date; late: Date; forever: number }>`
          select ${written}::timestamptz as at, '2026-11-26 06:16:23.123999+00'::timestamptz as micro,
            '0050-01-01 00:00:00+00'::timestamptz as early, '9999-12-31 23:59:59.999+00'::timestamptz as late, 'infinity'::timestamptz as forever`.execute(connection);
        await sql`reset timezone`.execute(connection);
        return answer.rows[0]!;
      });
      expect(row.at, zone).toEqual(written);
      expect(row.micro, zone).toEqual(new Date('2026-11-26T06:16:23.123Z'));
      expect(row.early, zone).toEqual(new Date('0050-01-01T00:00:00Z'));
      expect(row.late, zone).toEqual(new Date('9999-12-31T23:59:59.999Z'));
      expect(row.forever, zone).toBe(Infinity);
    }
  });
});
