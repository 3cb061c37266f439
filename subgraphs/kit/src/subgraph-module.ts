import { readFileSync } from 'node:fs';
import { parse, type DocumentNode } from 'graphql';
import type { LogEvent } from 'kysely';
import type { Domain } from '@jobgraph/db';
import type { EventTransport } from './events/transport.ts';
import type { InternalTokenVerifier } from './internal-token.ts';
import type { Logger } from './logger.ts';
import type { RunningService } from './serve-subgraph.ts';

export interface StartSubgraphOptions {
  /** Signed in as the domain's own role. */
  readonly databaseUrl: string;
  readonly internalToken: InternalTokenVerifier;
  readonly logger: Logger;
  readonly host?: string;
  readonly port?: number;
  /** The service's own settings (identity's key secret, …); `process.env` when absent. */
  readonly env?: NodeJS.ProcessEnv;
  /**
   * Where the subgraph's outbox relay publishes and its consumers read: Kafka, or the
   * in-process transport shared by every subgraph of a `pnpm dev` process.
   */
  readonly events?: EventTransport;
  /** Sees every SQL statement; tests use it to count round trips. */
  readonly onQuery?: (event: LogEvent) => void;
}

/** How the dev runner, the tests and each `main.ts` find and start a subgraph. */
export interface SubgraphModule {
  readonly name: Domain;
  readonly defaultPort: number;
  /** The SDL file, read by the composition script. */
  readonly schemaPath: string;
  readonly migrationFolder: string;
  start(options: StartSubgraphOptions): Promise<RunningService>;
}

export function loadTypeDefs(schemaPath: string): DocumentNode {
  return parse(readFileSync(schemaPath, 'utf8'));
}
