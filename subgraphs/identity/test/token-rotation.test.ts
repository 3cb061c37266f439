import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKysely, domainRolePassword, domainUrl } from '@jobgraph/db';
import { createTestDatabase, type TestDatabase } from '@jobgraph/db/testing';
import type { Database } from '../src/db/types.ts';
import { integrationTokens, rewrapUntilCurrent } from '../src/domain/integrations.ts';
import { integrationContext, sealTokens } from '../src/domain/provider-tokens.ts';
import { createTokenKeyRing, UnknownTokenKeyError } from '../src/tokens/token-key-ring.ts';

let database: TestDatabase;
let db: Kysely<Database>;

beforeAll(async () => {
  database = await createTestDatabase();
  db = createKysely<Database>({ url: domainUrl(database.adminUrl, 'identity', domainRolePassword('identity')), maxConnections: 2 });
});
afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

const k1 = randomBytes(32);
const k2 = randomBytes(32);
const first = createTokenKeyRing(new Map([['k1', k1]]), 'k1');
const rotated = createTokenKeyRing(new Map([['k2', k2], ['k1', k1]]), 'k2');
const onlyNew = createTokenKeyRing(new Map([['k2', k2]]), 'k2');

async function connect(tokenKeys: typeof first, userId: string, kind: 'gmail' | 'outlook', accessToken: string): Promise<string> {
  const sealed = sealTokens(tokenKeys, { accessToken, refreshToken: `${accessToken}-refresh`, expiresAt: null }, integrationContext(userId, kind));
  const row = await db.insertInto('integration_accounts').values({ user_id: userId, kind, scopes: ['openid'], external_user_id: null, ...sealed }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

describe('rotating the provider-token key (ID-09)', () => {
  it('keeps old rows readable under the old key id, seals new rows under the new key, and rewraps a little at a time', async () => {
    const user = await db.insertInto('users').values({ email: 'rotation@example.com', display_name: 'Ro Tation', roles: ['candidate'] }).returning('id').executeTakeFirstOrThrow();
    const gmail = await connect(first, user.id, 'gmail', 'old-token');

    // The key rotates: nothing is re-encrypted at once, and the old row still opens.
    expect(await integrationTokens({ db, tokenKeys: rotated }, user.id, gmail)).toEqual({ accessToken: 'old-token', refreshToken: 'old-token-refresh' });
    const outlook = await connect(rotated, user.id, 'outlook', 'new-token');
    const keyIds = async () => (await db.selectFrom('integration_accounts').select(['kind', 'token_key_id']).where('user_id', '=', user.id).orderBy('kind').execute()).map((row) => `${row.kind}:${row.token_key_id}`);
    expect(await keyIds()).toEqual(['gmail:k1', 'outlook:k2']);
    // Until it is rewrapped, a ring without k1 cannot open the old row.
    await expect(integrationTokens({ db, tokenKeys: onlyNew }, user.id, gmail)).rejects.toThrow(UnknownTokenKeyError);

    expect(await rewrapUntilCurrent({ db, tokenKeys: rotated }, () => false, 1)).toBe(1);
    expect(await keyIds()).toEqual(['gmail:k2', 'outlook:k2']);
    // Now k1 may be retired.
    expect(await integrationTokens({ db, tokenKeys: onlyNew }, user.id, gmail)).toEqual({ accessToken: 'old-token', refreshToken: 'old-token-refresh' });
    expect(await integrationTokens({ db, tokenKeys: onlyNew }, user.id, outlook)).toEqual({ accessToken: 'new-token', refreshToken: 'new-token-refresh' });
    expect(await rewrapUntilCurrent({ db, tokenKeys: rotated }, () => false)).toBe(0);
  });

  it('refuses a ciphertext copied from another user’s row', async () => {
    const [ada, bob] = await Promise.all(['ada', 'bob'].map((name) => db.insertInto('users').values({ email: `${name}.copy@example.com`, display_name: name, roles: ['candidate'] }).returning('id').executeTakeFirstOrThrow()));
    const adas = await connect(rotated, ada!.id, 'gmail', 'adas-token');
    const bobs = await connect(rotated, bob!.id, 'gmail', 'bobs-token');
    const stolen = await db.selectFrom('integration_accounts').select(['access_token_encrypted', 'refresh_token_encrypted', 'token_key_id']).where('id', '=', adas).executeTakeFirstOrThrow();
    await db.updateTable('integration_accounts').set(stolen).where('id', '=', bobs).execute();
    await expect(integrationTokens({ db, tokenKeys: rotated }, bob!.id, bobs)).rejects.toThrow();
    expect(await integrationTokens({ db, tokenKeys: rotated }, bob!.id, adas)).toBeNull();
  });
});
