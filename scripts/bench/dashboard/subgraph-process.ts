/**
 * One subgraph of the dashboard bench in its own process, as deployed (infra/docker/Dockerfile:
 * `node subgraphs/<name>/src/main.ts`): `runSubgraphMain`'s wiring (the domain role's pool,
 * the internal-token verifier from INTERNAL_TOKEN_PUBLIC_JWK, the production log level)
 * with events off, plus a Kysely hook that counts the statements it runs. Forked with an
 * IPC channel: prints `LISTENING <url>`; answers `{ statements: true }` with the count and
 * time since the last ask, `{ profile: 'start' | 'stop' }` with its CPU profile.
 */
import type { Profiler } from 'node:inspector';
import type { JWK } from 'jose';
import { domainRolePassword, domainUrl, type Domain } from '@jobgraph/db';
import { createInternalTokenVerifier, createLogger } from '@jobgraph/kit';
import { subgraphModules } from '../../src/subgraph-modules.ts';
import { startProfile } from './profile.ts';

const name = process.argv[2] as Domain;
const module = subgraphModules.find((candidate) => candidate.name === name);
if (!module) throw new Error(`no subgraph named ${name}`);
let count = 0;
let ms = 0;
const service = await module.start({
  databaseUrl: domainUrl(process.env.DATABASE_URL ?? '', name, domainRolePassword(name)),
  internalToken: createInternalTokenVerifier(JSON.parse(process.env.INTERNAL_TOKEN_PUBLIC_JWK ?? '{}') as JWK),
  logger: createLogger(name, process.env.LOG_LEVEL ?? 'info'),
  port: 0,
  onQuery: (event) => {
    count += 1;
    ms += event.queryDurationMillis;
  },
});
let profiling: { stop(): Promise<Profiler.Profile> } | null = null;
process.on('message', (message: { statements?: boolean; profile?: 'start' | 'stop' }) => {
  if (message.statements) {
    process.send?.({ count, ms });
    count = 0;
    ms = 0;
  } else if (message.profile === 'start') {
    void startProfile().then((started) => {
      profiling = started;
      process.send?.({ profiling: true });
    });
  } else if (message.profile === 'stop' && profiling) {
    void profiling.stop().then((profile) => process.send?.({ profile }));
    profiling = null;
  }
});
process.stdout.write(`LISTENING ${service.url}\n`);
process.on('SIGTERM', () => {
  service.stop().then(() => process.exit(0), () => process.exit(1));
});
