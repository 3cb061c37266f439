import { fileURLToPath } from 'node:url';
import { createKysely } from '@jobgraph/db';
import { identityUserTopic, loadTypeDefs, serveSubgraph, startDomainEvents, type RunningService, type StartSubgraphOptions } from '@jobgraph/kit';
import { identityConfig } from './config.ts';
import type { Database } from './db/types.ts';
import type { IdentityDeps } from './domain/deps.ts';
import { createLoaders } from './loaders.ts';
import { createResolvers } from './resolvers/index.ts';
import { jwksPath, jwksRoute } from './tokens/jwks-route.ts';
import { createKeyEncryption } from './tokens/key-encryption.ts';
import { createSigningKeyStore } from './tokens/signing-keys.ts';

export const schemaPath = fileURLToPath(new URL('./schema.graphql', import.meta.url));

export async function startIdentity(options: StartSubgraphOptions): Promise<RunningService> {
  const config = identityConfig(options.env ?? process.env);
  const db = createKysely<Database>({ url: options.databaseUrl, applicationName: 'jobgraph-identity', ...(options.onQuery ? { onQuery: options.onQuery } : {}) });
  const keys = createSigningKeyStore(db, {
    encryption: createKeyEncryption(config.IDENTITY_KEY_SECRET),
    rotationDays: config.SIGNING_KEY_ROTATION_DAYS,
    propagationSeconds: config.SIGNING_KEY_PROPAGATION_SECONDS,
    accessTokenTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
  });
  const deps: IdentityDeps = { db, keys, config };
  await keys.current();
  // Identity publishes; it consumes nothing yet.
  const events = options.events
    ? await startDomainEvents({ domain: 'identity', db, databaseUrl: options.databaseUrl, transport: options.events, publishes: [identityUserTopic], handlers: [], logger: options.logger })
    : null;
  return serveSubgraph(
    {
      name: 'identity',
      typeDefs: loadTypeDefs(schemaPath),
      resolvers: createResolvers(deps),
      createLoaders: (database) => createLoaders(database),
      routes: { [jwksPath]: jwksRoute(keys) },
    },
    { db, internalToken: options.internalToken, logger: options.logger, ...(options.host ? { host: options.host } : {}), ...(options.port !== undefined ? { port: options.port } : {}), onStop: async () => {
        await events?.stop();
        await db.destroy();
      } },
  );
}
