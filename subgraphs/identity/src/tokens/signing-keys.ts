import { createPrivateKey, randomUUID, type KeyObject } from 'node:crypto';
import { exportJWK, exportPKCS8, generateKeyPair, type JSONWebKeySet, type JWK } from 'jose';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/types.ts';
import type { KeyEncryption } from './key-encryption.ts';

export const signingAlgorithm = 'EdDSA';

export interface ActiveSigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
}

export interface SigningKeyStore {
  /** The key that signs now; made on first use, replaced when older than the rotation period. */
  current(): Promise<ActiveSigningKey>;
  /** Every key whose tokens may still be alive, for `/.well-known/jwks.json`. */
  jwks(): Promise<JSONWebKeySet>;
  /** Retires the signing key now and makes a new one; old tokens stay verifiable. */
  rotate(): Promise<string>;
}

export interface SigningKeyStoreOptions {
  readonly encryption: KeyEncryption;
  readonly rotationDays: number;
  readonly accessTokenTtlSeconds: number;
  /** How long the in-memory copy of the current key is trusted. */
  readonly cacheSeconds?: number;
}

export function createSigningKeyStore(db: Kysely<Database>, options: SigningKeyStoreOptions): SigningKeyStore {
  let cached: { key: ActiveSigningKey; until: number } | null = null;

  async function insertKey(trx: Kysely<Database>): Promise<string> {
    const { privateKey, publicKey } = await generateKeyPair(signingAlgorithm, { crv: 'Ed25519', extractable: true });
    const kid = randomUUID();
    const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: signingAlgorithm, use: 'sig' };
    const pkcs8 = Buffer.from(await exportPKCS8(privateKey));
    await trx
      .insertInto('signing_keys')
      .values({ kid, algorithm: signingAlgorithm, public_jwk: JSON.stringify(publicJwk), private_key_encrypted: options.encryption.encrypt(pkcs8) })
      .execute();
    return kid;
  }

  async function loadOrCreate(): Promise<ActiveSigningKey> {
    return db.transaction().execute(async (trx) => {
      // Several identity instances may start at once; one of them makes the key.
      await sql`select pg_advisory_xact_lock(hashtext('identity.signing_keys'))`.execute(trx);
      const row = await trx
        .selectFrom('signing_keys')
        .select(['kid', 'private_key_encrypted', 'created_at'])
        .where('retired_at', 'is', null)
        .orderBy('created_at', 'desc')
        .executeTakeFirst();
      const rotationDue = row && Date.now() - row.created_at.getTime() > options.rotationDays * 86_400_000;
      if (row && !rotationDue) {
        return { kid: row.kid, privateKey: createPrivateKey({ key: options.encryption.decrypt(row.private_key_encrypted).toString('utf8'), format: 'pem' }) };
      }
      await trx.updateTable('signing_keys').set({ retired_at: new Date() }).where('retired_at', 'is', null).execute();
      await insertKey(trx);
      return loadOrCreateInside(trx);
    });
  }

  async function loadOrCreateInside(trx: Kysely<Database>): Promise<ActiveSigningKey> {
    const row = await trx
      .selectFrom('signing_keys')
      .select(['kid', 'private_key_encrypted'])
      .where('retired_at', 'is', null)
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    return { kid: row.kid, privateKey: createPrivateKey({ key: options.encryption.decrypt(row.private_key_encrypted).toString('utf8'), format: 'pem' }) };
  }

  return {
    async current() {
      if (cached && cached.until > Date.now()) return cached.key;
      const key = await loadOrCreate();
      cached = { key, until: Date.now() + (options.cacheSeconds ?? 60) * 1000 };
      return key;
    },
    async jwks() {
      // A retired key stays published while tokens it signed can still be presented.
      const graceMs = (options.accessTokenTtlSeconds + 300) * 1000;
      const rows = await db
        .selectFrom('signing_keys')
        .select('public_jwk')
        .where((eb) => eb.or([eb('retired_at', 'is', null), eb('retired_at', '>', new Date(Date.now() - graceMs))]))
        .orderBy('created_at', 'desc')
        .execute();
      return { keys: rows.map((row) => row.public_jwk as JWK) };
    },
    async rotate() {
      const kid = await db.transaction().execute(async (trx) => {
        await sql`select pg_advisory_xact_lock(hashtext('identity.signing_keys'))`.execute(trx);
        await trx.updateTable('signing_keys').set({ retired_at: new Date() }).where('retired_at', 'is', null).execute();
        return insertKey(trx);
      });
      cached = null;
      return kid;
    },
  };
}
