import { z } from 'zod';
import { domainRolePassword, domainUrl } from '@jobgraph/db';
import { jwkFromEnv, parseEnv } from './env.ts';
import { createInternalTokenVerifier } from './internal-token.ts';
import { createLogger } from './logger.ts';
import type { SubgraphModule } from './subgraph-module.ts';

const baseEnv = z.object({
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).describe('admin or domain URL of the Postgres database'),
  INTERNAL_TOKEN_PUBLIC_JWK: jwkFromEnv,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/**
 * Entry point of a subgraph deployed on its own: validates the environment, serves,
 * and drains in-flight requests on SIGTERM/SIGINT before closing the database pool.
 */
export async function runSubgraphMain(module: SubgraphModule): Promise<void> {
  const env = parseEnv(baseEnv);
  const logger = createLogger(module.name, env.LOG_LEVEL);
  // `<DOMAIN>_DATABASE_URL` wins; else the domain role on the server DATABASE_URL names.
  const databaseUrl = process.env[`${module.name.toUpperCase()}_DATABASE_URL`] ?? domainUrl(env.DATABASE_URL, module.name, domainRolePassword(module.name));
  const service = await module.start({
    databaseUrl,
    internalToken: createInternalTokenVerifier(env.INTERNAL_TOKEN_PUBLIC_JWK),
    logger,
    host: env.HOST,
    port: env.PORT ?? module.defaultPort,
  });
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'draining');
    service.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}
