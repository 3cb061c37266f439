import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';
import { buildGateway } from '@jobgraph/gateway/build';
import { generateInternalKeyPair } from '@jobgraph/kit/internal-token';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Every module a gateway process loads stays in its memory for good. The gateway imports
 * the kit by module (`@jobgraph/kit/http`, …), never its index, which loads the job queue,
 * mail, blob store and Postgres code only subgraphs run (about 45 MB of RSS per gateway
 * process; BENCHMARKS.md, gateway memory). Loads what main.ts loads in a worker and lists
 * every module resolved; what only some deployments configure (Redis, Kafka, an OTLP
 * endpoint) loads when configured, not at startup.
 */
it("the gateway's process loads none of the kit's subgraph-only code", () => {
  const script = `
    import { registerHooks } from 'node:module';
    const seen = new Set();
    registerHooks({ resolve(specifier, context, next) { const resolved = next(specifier, context); seen.add(resolved.url); return resolved; } });
    await import('./src/start-gateway.ts');
    await import('./src/auth/identity-authentication.ts');
    await import('./src/config.ts');
    process.stdout.write(JSON.stringify([...seen]));
  `;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: `${root}gateway`, encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  const loaded = JSON.parse(run.stdout) as string[];
  expect(loaded.some((url) => url.includes('/gateway/src/start-gateway.ts'))).toBe(true);
  expectOnlyWhatServes(loaded);
}, 60_000);

/** Neither subgraph-only code nor what only some deployments configure is among `loaded`. */
function expectOnlyWhatServes(loaded: readonly string[]) {
  const subgraphOnly = loaded.filter((url) => /\/subgraphs\/kit\/src\/index\.ts$|\/node_modules\/(pg-boss|pg|kysely|nodemailer|@aws-sdk\/[^/]+|dataloader|@apollo\/subgraph)\//.test(url));
  expect(subgraphOnly).toEqual([]);
  // Loaded only when configured (BENCHMARKS.md, gateway memory): Redis with REDIS_URL, Kafka with
  // EVENTS=kafka (main.ts), the tracing SDK and its OTLP exporter with OTEL_EXPORTER_OTLP_ENDPOINT.
  const onlyWhenConfigured = loaded.filter((url) => /\/subgraphs\/kit\/src\/(tracing|events\/kafka-transport)\.ts$|\/node_modules\/(ioredis|kafkajs|@opentelemetry\/(sdk-trace-base|exporter-trace-otlp-http))\//.test(url));
  expect(onlyWhenConfigured).toEqual([]);
}

/**
 * The same for the bundle the image runs (`pnpm gateway:build`, `node dist/main.js`): started for
 * real with the committed supergraph files it finds beside itself, no Redis, Kafka or OTLP
 * endpoint configured, it answers a query, and every module it loaded is plain JavaScript
 * (no `.ts`, so no type stripper in the process) and none is subgraph-only or unconfigured.
 */
it('the built gateway loads no TypeScript and none of that code, and answers', async () => {
  const built = await buildGateway();
  const folder = mkdtempSync(path.join(tmpdir(), 'jobgraph-gateway-modules-'));
  const hook = path.join(folder, 'record-modules.mjs');
  const record = path.join(folder, 'modules.json');
  writeFileSync(hook, `
    import { registerHooks } from 'node:module';
    import { appendFileSync } from 'node:fs';
    registerHooks({ resolve(specifier, context, next) { const resolved = next(specifier, context); appendFileSync(${JSON.stringify(record)}, resolved.url + '\\n'); return resolved; } });
  `);
  const { privateJwk } = await generateInternalKeyPair();
  const gateway = spawn(process.execPath, ['--import', hook, built.entry], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', METRICS_PORT: '0', EVENTS: 'off', LOG_LEVEL: 'info', INTERNAL_TOKEN_PRIVATE_JWK: JSON.stringify(privateJwk) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  gateway.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => gateway.once('exit', resolve));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the built gateway did not start within 60 s: ${stderr}`)), 60_000);
      void exited.then((code) => reject(new Error(`the built gateway exited with ${code}: ${stderr}`)));
      createInterface({ input: gateway.stdout }).on('line', (line) => {
        const entry = (line.startsWith('{') ? JSON.parse(line) : {}) as { msg?: string; url?: string };
        if (entry.msg !== 'gateway listening' || !entry.url) return;
        clearTimeout(timer);
        resolve(entry.url);
      });
    });
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data?: unknown }).data).toEqual({ __typename: 'Query' });
  } finally {
    gateway.kill('SIGTERM');
  }
  // It drains and exits 0 on SIGTERM (Apollo Server's own signal handler is off: it re-raised the signal mid-drain).
  expect(await exited).toBe(0);
  const loaded = readFileSync(record, 'utf8').split('\n').filter(Boolean);
  expect(loaded).toContain(pathToFileURL(built.entry).href);
  expect(loaded.some((url) => url.includes('/node_modules/@apollo/gateway/'))).toBe(true);
  expect(loaded.filter((url) => url.startsWith('file:') && /\.[cm]?ts$/.test(url))).toEqual([]);
  expectOnlyWhatServes(loaded);
}, 90_000);
