import { fork, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Profiler } from 'node:inspector';
import type { Domain } from '@jobgraph/db';
import { buildGateway } from '@jobgraph/gateway/build';
import { gatewayNodeFlags } from '@jobgraph/gateway/config';
import { generateInternalKeyPair } from '@jobgraph/kit';
import { subgraphModules } from '../../src/subgraph-modules.ts';
import { processCpuMs } from '../proc.ts';
import { unthrottled } from '../unthrottled.ts';

/** The gateway and the five subgraphs as deployed: each in its own Node process with its production node flags. */
export interface DeployedStack {
  readonly url: string;
  readonly metricsUrl: string;
  /** Statements each subgraph ran (and their time) since the last call. */
  statements(): Promise<Map<Domain, { count: number; ms: number }>>;
  /** Starts sampling each subgraph's CPU; `stop` answers each one's profile. */
  profile(): Promise<{ stop(): Promise<Map<Domain, Profiler.Profile>> }>;
  /** CPU time (user + system, ms) each process has used so far, by name (the gateway as `gateway`). */
  cpuMs(): Map<string, number>;
  stop(): Promise<void>;
}

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });
}

function waitForLine(child: ChildProcess, prefix: string, what: string): Promise<string> {
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start in time: ${stderr}`)), 120_000);
    child.once('exit', (code) => reject(new Error(`${what} exited (${code}): ${stderr}`)));
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      if (!line.startsWith(prefix)) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve(line.slice(prefix.length).trim());
    });
  });
}

/**
 * Starts each subgraph (scripts/bench/dashboard/subgraph-process.ts: what its main.ts runs,
 * events off, statements counted) and the gateway as the image runs it (gateway/dist/main.js, bundled from the sources first;
 * events off, request rates and cost budget raised as `unthrottled` says) in processes of
 * their own, over the provisioned and migrated database at `adminUrl`, with NODE_ENV set
 * to `nodeEnv` (the images set `production`: infra/docker/Dockerfile).
 */
export async function startDeployedStack(adminUrl: string, subgraphFlags: string[], nodeEnv: string): Promise<DeployedStack> {
  const keys = await generateInternalKeyPair();
  const children: { name: string; child: ChildProcess }[] = [];
  try {
    const urls: Partial<Record<Domain, string>> = {};
    await Promise.all(
      subgraphModules.map(async (module) => {
        const child = fork(here('./subgraph-process.ts'), [module.name], {
          execArgv: subgraphFlags,
          env: { ...process.env, NODE_ENV: nodeEnv, DATABASE_URL: adminUrl, INTERNAL_TOKEN_PUBLIC_JWK: JSON.stringify(keys.publicJwk), EVENTS: 'off' },
          stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
        });
        children.push({ name: module.name, child });
        urls[module.name] = await waitForLine(child, 'LISTENING ', module.name);
      }),
    );
    const [port, metricsPort] = [await freePort(), await freePort()];
    // BENCH_GATEWAY_NODE_FLAGS adds flags to the gateway's own (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`: a profile of its whole run, written when it stops).
    const extraGatewayFlags = (process.env.BENCH_GATEWAY_NODE_FLAGS ?? '').split(' ').filter(Boolean);
    // The gateway as the image runs it: the production bundle (`pnpm gateway:build`), built from the current sources.
    const gatewayMain = (await buildGateway()).entry;
    const gateway = spawn(process.execPath, [...gatewayNodeFlags, ...extraGatewayFlags, gatewayMain], {
      env: {
        ...process.env,
        NODE_ENV: nodeEnv,
        PORT: String(port),
        METRICS_PORT: String(metricsPort),
        EVENTS: 'off',
        INTERNAL_TOKEN_PRIVATE_JWK: JSON.stringify(keys.privateJwk),
        ...Object.fromEntries(Object.entries(urls).map(([name, url]) => [`SUBGRAPH_${name.toUpperCase()}_URL`, url])),
        RATE_LIMIT_PER_IP_PER_MINUTE: String(unthrottled.rateLimits.perIp.requests),
        RATE_LIMIT_PER_PRINCIPAL_PER_MINUTE: String(unthrottled.rateLimits.perPrincipal.requests),
        COST_BUDGET: String(unthrottled.demandControl.budgetCapacity),
        COST_REFILL_PER_SECOND: String(unthrottled.demandControl.budgetRefillPerSecond),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push({ name: 'gateway', child: gateway });
    gateway.stdout?.resume();
    let gatewayErrors = '';
    gateway.stderr?.on('data', (chunk: Buffer) => {
      gatewayErrors = (gatewayErrors + chunk.toString()).slice(-4000);
    });
    const url = `http://127.0.0.1:${port}/graphql`;
    for (let attempt = 0; ; attempt += 1) {
      if (gateway.exitCode !== null) throw new Error(`the gateway exited: ${gatewayErrors}`);
      const answer = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' }).catch(() => null);
      if (answer?.ok) break;
      if (attempt > 600) throw new Error(`the gateway did not answer: ${gatewayErrors}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return {
      url,
      metricsUrl: `http://127.0.0.1:${metricsPort}/metrics`,
      async statements() {
        const counts = await Promise.all(
          children
            .filter(({ name }) => name !== 'gateway')
            .map(
              ({ name, child }) =>
                new Promise<[Domain, { count: number; ms: number }]>((resolve) => {
                  const listener = (message: Record<string, unknown>) => {
                    if (!('count' in message)) return;
                    child.off('message', listener);
                    resolve([name as Domain, message as unknown as { count: number; ms: number }]);
                  };
                  child.on('message', listener);
                  child.send({ statements: true });
                }),
            ),
        );
        return new Map(counts.filter(([, seen]) => seen.count > 0));
      },
      async profile() {
        const subgraphs = children.filter(({ name }) => name !== 'gateway');
        const ask = <T>(child: ChildProcess, message: object, key: string) =>
          new Promise<T>((resolve) => {
            const listener = (answer: Record<string, unknown>) => {
              if (!(key in answer)) return;
              child.off('message', listener);
              resolve(answer[key] as T);
            };
            child.on('message', listener);
            child.send(message);
          });
        await Promise.all(subgraphs.map(({ child }) => ask(child, { profile: 'start' }, 'profiling')));
        return {
          stop: async () => new Map(await Promise.all(subgraphs.map(async ({ name, child }) => [name as Domain, await ask<Profiler.Profile>(child, { profile: 'stop' }, 'profile')] as const))),
        };
      },
      cpuMs: () => new Map(children.map(({ name, child }) => [name, processCpuMs(child.pid!)])),
      async stop() {
        await Promise.all(children.map(({ child }) => stopChild(child)));
      },
    };
  } catch (error) {
    await Promise.all(children.map(({ child }) => stopChild(child)));
    throw error;
  }
}
