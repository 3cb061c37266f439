import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKysely, domains } from '@jobgraph/db';
import { createTestDatabase, type TestDatabase } from '@jobgraph/db/testing';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

async function tablesOf(domain: string): Promise<string[]> {
  const admin = createKysely<unknown>({ url: database.adminUrl, maxConnections: 1 });
  try {
    const result = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = ${domain} and table_type = 'BASE TABLE' order by 1`.execute(admin);
    return result.rows.map((row) => row.table_name);
  } finally {
    await admin.destroy();
  }
}

describe('each domain owns its schema alone', () => {
  it('gives every domain a schema with its own migration table', async () => {
    for (const domain of domains) expect(await tablesOf(domain)).toContain('kysely_migration');
  });

  it('lets a domain role read its own tables', async () => {
    const identity = createKysely<unknown>({ url: database.urlFor('identity'), maxConnections: 1 });
    try {
      const result = await sql<{ n: number }>`select count(*)::int as n from users`.execute(identity);
      expect(result.rows[0]?.n).toBe(0);
    } finally {
      await identity.destroy();
    }
  });

  it('refuses every domain role every other domain’s tables', async () => {
    for (const reader of domains) {
      const db = createKysely<unknown>({ url: database.urlFor(reader), maxConnections: 1 });
      try {
        for (const owner of domains.filter((d) => d !== reader)) {
          for (const table of await tablesOf(owner)) {
            const attempt = sql`select 1 from ${sql.table(`${owner}.${table}`)} limit 1`.execute(db);
            await expect(attempt, `${reader} reading ${owner}.${table}`).rejects.toThrow(/permission denied/);
          }
          const create = sql`create table ${sql.table(`${owner}.intruder`)} (id int)`.execute(db);
          await expect(create, `${reader} creating in ${owner}`).rejects.toThrow(/permission denied/);
        }
      } finally {
        await db.destroy();
      }
    }
  });

  it('refuses domain roles the public schema', async () => {
    const db = createKysely<unknown>({ url: database.urlFor('catalog'), maxConnections: 1 });
    try {
      await expect(sql`create table public.intruder (id int)`.execute(db)).rejects.toThrow(/permission denied/);
    } finally {
      await db.destroy();
    }
  });
});
