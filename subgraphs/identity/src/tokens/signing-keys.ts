import { createPrivateKey, randomUUID, type KeyObject } from 'node:crypto';
import { exportJWK, exportPKCS8, generateKeyPair, type JSONWebKeySet, type JWK } from 'jose';
import { sql, type Kysely } from 'kysely';
import type { Database, SigningKey } from '../db/types.ts';
import type { KeyEncryption } from './key-encryption.ts';

export const signingAlgorithm = 'EdDSA';

export interface ActiveSigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
}

/**
 * Identity's signing keys. Rotation never strands a verifier: a new key is published
 * in the JWKS `propagationSeconds` before it signs, and an old one stays published
 * until every token it signed has expired.
 */
export interface SigningKeyStore {
  /** The key that signs now; the first one is made on first use, and a successor is scheduled when it grows old. */
  current(): Promise<ActiveSigningKey>;
  /** Public keys of the pending, current and recently superseded keys. */
  jwks(): Promise<JSONWebKeySet>;
  /** Schedules a new key: published now, signing after the propagation delay. Returns its kid. */
  rotate(): Promise<string>;
}

export interface SigningKeyStoreOptions {
  readonly encryption: KeyEncryption;
  readonly rotationDays: number;
  readonly propagationSeconds: number;
  readonly accessTokenTtlSeconds: number;
  /** How long the in-memory copy of the current key is trusted. */
  readonly cacheSeconds?: number;
}

const lock = sql`select pg_advisory_xact_lock(hashtext('identity.signing_keys'))`;

export function createSigningKeyStore(db: Kysely<Database>, options: SigningKeyStoreOptions): SigningKeyStore {
  let cached: { key: ActiveSigningKey; until: number } | null = null;

  async function insertKey(trx: Kysely<Database>, activatesAt: Date): Promise<string> {
    const { privateKey, publicKey } = await generateKeyPair(signingAlgorithm, { crv: 'Ed25519', extractable: true });
    const kid = randomUUID();
    const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: signingAlgorithm, use: 'sig' };
    const pkcs8 = Buffer.from(await exportPKCS8(privateKey));
    await trx
      .insertInto('signing_keys')
      .values({ kid, algorithm: signingAlgorithm, public_jwk: JSON.stringify(publicJwk), private_key_encrypted: options.encryption.encrypt(pkcs8), activates_at: activatesAt })
      .execute();
    return kid;
  }

  const liveKeys = (trx: Kysely<Database>) => trx.selectFrom('signing_keys').selectAll().where('revoked_at', 'is', null).orderBy('activates_at', 'desc').execute();

  const unseal = (row: SigningKey): ActiveSigningKey => ({
    kid: row.kid,
    privateKey: createPrivateKey({ key: options.encryption.decrypt(row.private_key_encrypted).toString('utf8'), format: 'pem' }),
  });

  async function loadOrCreate(): Promise<ActiveSigningKey> {
    return db.transaction().execute(async (trx) => {
      // Several identity instances may start at once; the lock lets one of them make the key.
      await lock.execute(trx);
      const now = Date.now();
      const keys = await liveKeys(trx);
      const active = keys.find((key) => key.activates_at.getTime() <= now);
      if (!active) {
        await insertKey(trx, new Date(now));
        return unseal((await liveKeys(trx))[0] as SigningKey);
      }
      const pending = keys.some((key) => key.activates_at.getTime() > now);
      if (!pending && now - active.activates_at.getTime() > options.rotationDays * 86_400_000) {
        await insertKey(trx, new Date(now + options.propagationSeconds * 1000));
      }
      return unseal(active);
    });
  }

  return {
    async current() {
      if (cached && cached.until > Date.now()) return cached.key;
      const key = await loadOrCreate();
      // Never trust the cache past a pending key's activation.
      cached = { key, until: Date.now() + Math.min(options.cacheSeconds ?? 60, options.propagationSeconds) * 1000 };
      return key;
    },
    async jwks() {
      const now = Date.now();
      // Tokens signed by a superseded key live at most one TTL (plus clock skew) after it stopped signing.
      const oldestLiveToken = now - (options.accessTokenTtlSeconds + 300) * 1000;
      const published: JWK[] = [];
      for (const key of await liveKeys(db)) {
        published.push(key.public_jwk as JWK);
        if (key.activates_at.getTime() <= oldestLiveToken) break;
      }
      return { keys: published };
    },
    async rotate() {
      const kid = await db.transaction().execute(async (trx) => {
        await lock.execute(trx);
        return insertKey(trx, new Date(Date.now() + options.propagationSeconds * 1000));
      });
      cached = null;
      return kid;
    },
  };
}
