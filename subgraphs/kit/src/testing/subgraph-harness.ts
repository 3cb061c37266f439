import type { LogEvent } from 'kysely';
import type { TestDatabase } from '@jobgraph/db/testing';
import { createInternalTokenSigner, createInternalTokenVerifier, generateInternalKeyPair } from '../internal-token.ts';
import { createLogger } from '../logger.ts';
import { anonymous, type Principal, type Role } from '../principal.ts';
import type { RunningService } from '../serve-subgraph.ts';
import type { SubgraphModule } from '../subgraph-module.ts';
import type { EventTransport } from '../events/transport.ts';

export interface GraphQLResult<T = Record<string, unknown>> {
  readonly status: number;
  readonly data?: T | null;
  readonly errors?: ReadonlyArray<{ message: string; path?: ReadonlyArray<string | number>; extensions?: Record<string, unknown> }>;
}

export interface SubgraphHarness {
  readonly service: RunningService;
  /** SQL statements run since the last `resetQueries()`. */
  readonly queries: LogEvent[];
  resetQueries(): void;
  /** POSTs a GraphQL operation as `principal`, with a token the gateway would have signed. */
  request<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, principal?: Principal): Promise<GraphQLResult<T>>;
  stop(): Promise<void>;
}

/** A principal for a user id, as a signed-in user of those roles. */
export function userPrincipal(userId: string, ...roles: Role[]): Principal {
  return { kind: 'user', userId, roles: roles.length > 0 ? roles : ['candidate'], scopes: [], sessionId: crypto.randomUUID(), plan: null };
}

/** Serves one subgraph on a random port over a test database, as its own domain role. */
export interface HarnessOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** Runs the subgraph's relay and consumers on this transport (e.g. `createInProcessTransport`). */
  readonly events?: EventTransport;
}

export async function startSubgraphHarness(module: SubgraphModule, database: TestDatabase, options: HarnessOptions | NodeJS.ProcessEnv = {}): Promise<SubgraphHarness> {
  const { env = process.env, events } = ('env' in options || 'events' in options ? options : { env: options as NodeJS.ProcessEnv }) as HarnessOptions;
  const keys = await generateInternalKeyPair();
  const signer = createInternalTokenSigner(keys.privateJwk);
  const queries: LogEvent[] = [];
  const service = await module.start({
    databaseUrl: database.urlFor(module.name),
    internalToken: createInternalTokenVerifier(keys.publicJwk),
    logger: createLogger(module.name),
    port: 0,
    env,
    ...(events ? { events } : {}),
    onQuery: (event) => queries.push(event),
  });
  return {
    service,
    queries,
    resetQueries: () => void queries.splice(0),
    async request<T>(query: string, variables: Record<string, unknown> = {}, principal: Principal = anonymous): Promise<GraphQLResult<T>> {
      const response = await fetch(service.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await signer.sign(principal)}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as Omit<GraphQLResult<T>, 'status'>;
      return { status: response.status, ...body };
    },
    stop: () => service.stop(),
  };
}
