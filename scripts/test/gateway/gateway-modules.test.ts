import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

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
  const subgraphOnly = loaded.filter((url) => /\/subgraphs\/kit\/src\/index\.ts$|\/node_modules\/(pg-boss|pg|kysely|nodemailer|@aws-sdk\/[^/]+|dataloader|@apollo\/subgraph)\//.test(url));
  expect(subgraphOnly).toEqual([]);
  // Loaded only when configured (BENCHMARKS.md, gateway memory): Redis with REDIS_URL, Kafka with
  // EVENTS=kafka (main.ts), the tracing SDK and its OTLP exporter with OTEL_EXPORTER_OTLP_ENDPOINT.
  const onlyWhenConfigured = loaded.filter((url) => /\/subgraphs\/kit\/src\/(tracing|events\/kafka-transport)\.ts$|\/node_modules\/(ioredis|kafkajs|@opentelemetry\/(sdk-trace-base|exporter-trace-otlp-http))\//.test(url));
  expect(onlyWhenConfigured).toEqual([]);
}, 60_000);
