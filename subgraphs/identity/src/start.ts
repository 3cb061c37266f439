import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import { createSmtpSender, identityAuthTopic, identitySessionTopic, identityUserTopic, startDomainSubgraph, startMailRelay, type RunningService, type StartSubgraphOptions } from '@jobgraph/kit';
import { identityConfig } from './config.ts';
import { createOAuthProvider } from './external/oauth-provider.ts';
import { oauthServersFromEnv } from './external/provider-config.ts';
import type { Database } from './db/types.ts';
import { rewrapUntilCurrent } from './domain/integrations.ts';
import { identityHandlers } from './events/handlers.ts';
import { createLoaders } from './loaders.ts';
import { createResolvers } from './resolvers/index.ts';
import { apiKeyResolvePath, apiKeyResolveRoute } from './tokens/api-key-route.ts';
import { jwksPath, jwksRoute } from './tokens/jwks-route.ts';
import { createKeyEncryption } from './tokens/key-encryption.ts';
import { createSigningKeyStore } from './tokens/signing-keys.ts';
import { tokenKeyRingFromConfig } from './tokens/token-key-ring.ts';

export const schemaPath = fileURLToPath(new URL('./schema.graphql', import.meta.url));

export function startIdentity(options: StartSubgraphOptions): Promise<RunningService> {
  return startDomainSubgraph<Database, ReturnType<typeof createLoaders>>(
    {
      name: 'identity',
      schemaPath,
      publishes: [identityUserTopic, identitySessionTopic, identityAuthTopic],
      // Billing's entitlements give each user's plan claim.
      handlers: identityHandlers,
      createLoaders: (db) => createLoaders(db),
      async setup(db, env, services) {
        const config = identityConfig(env);
        const keys = createSigningKeyStore(db, {
          encryption: createKeyEncryption(config.IDENTITY_KEY_SECRET),
          rotationDays: config.SIGNING_KEY_ROTATION_DAYS,
          propagationSeconds: config.SIGNING_KEY_PROPAGATION_SECONDS,
          accessTokenTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
        });
        // The first key is made before the first sign-in, and the JWKS is never empty.
        await keys.current();
        // Mail queued in identity's outbox goes out over SMTP, retried with backoff.
        const mail = startMailRelay({
          db: db as unknown as Kysely<unknown>,
          sender: createSmtpSender(config.SMTP_URL, config.MAIL_FROM),
          logger: options.logger.child({ subgraph: 'identity', component: 'mail' }),
          pollMs: config.MAIL_POLL_MS,
          maxAttempts: config.MAIL_MAX_ATTEMPTS,
        });
        // Provider tokens are sealed under a key ring; sign-in providers and integrations' servers come from OAUTH_<SERVER>_* settings.
        const tokenKeys = tokenKeyRingFromConfig(config);
        const oauth = new Map([...oauthServersFromEnv(env)].map(([server, serverConfig]) => [server, createOAuthProvider(serverConfig)] as const));
        const deps = { db, keys, config, logger: services.logger.child({ subgraph: 'identity' }), oauth, tokenKeys };
        // After a key rotation, rows sealed under older keys move to the current one in small batches.
        let stopping = false;
        const rewrap = rewrapUntilCurrent(deps, () => stopping).then(
          (moved) => moved > 0 && deps.logger.info({ moved, keyId: tokenKeys.currentKeyId }, 'provider tokens rewrapped under the current key'),
          (error: unknown) => deps.logger.error({ err: error }, 'rewrapping provider tokens failed'),
        );
        return {
          resolvers: createResolvers(deps),
          routes: { [jwksPath]: jwksRoute(keys), [apiKeyResolvePath]: apiKeyResolveRoute(deps, services.internalToken) },
          stop: async () => {
            stopping = true;
            await rewrap;
            await mail.stop();
          },
        };
      },
    },
    options,
  );
}
