import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { gatewayEnvSchema } from '@jobgraph/gateway';
import { subgraphEnv } from '@jobgraph/kit';

const root = fileURLToPath(new URL('../..', import.meta.url));
const publicJwk = JSON.stringify({ kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' });
const privateJwk = JSON.stringify({ kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo', d: 'nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A' });

/** A service's entry point with only the given environment, as an operator starts it. */
function start(entry: string, env: Record<string, string>) {
  return spawnSync(process.execPath, [entry, '--print-config'], { cwd: root, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env }, timeout: 30_000 });
}

describe('configuration, as an operator meets it', () => {
  it('prints a subgraph’s settings with secrets and URL passwords masked, and starts nothing', () => {
    const result = start('subgraphs/identity/src/main.ts', { DATABASE_URL: 'postgres://jobgraph:hunter2@db.internal:5432/jobgraph', INTERNAL_TOKEN_PUBLIC_JWK: publicJwk, KAFKA_BROKERS: 'kafka:9092' });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^identity configuration$/m);
    expect(result.stdout).toMatch(/DATABASE_URL +postgres:\/\/jobgraph:\*\*\*@db\.internal:5432\/jobgraph/);
    expect(result.stdout).toMatch(/INTERNAL_TOKEN_PUBLIC_JWK +\*\*\* \(set\)/);
    expect(result.stdout).toMatch(/KAFKA_BROKERS +kafka:9092/);
    expect(result.stdout).toMatch(/EVENTS +kafka/);
    expect(result.stdout).not.toContain('hunter2');
    expect(result.stdout).not.toContain('11qYAYKx');
  });

  it('lists every problem at once and exits 1 when the environment is wrong', () => {
    const result = start('subgraphs/billing/src/main.ts', { DATABASE_URL: 'mysql://nope', INTERNAL_TOKEN_PUBLIC_JWK: 'not json', PORT: '99999' });
    expect(result.status).toBe(1);
    for (const name of ['DATABASE_URL', 'INTERNAL_TOKEN_PUBLIC_JWK', 'PORT', 'KAFKA_BROKERS']) expect(result.stderr).toContain(`  ${name}:`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('prints the gateway’s settings the same way', () => {
    const result = start('gateway/src/main.ts', { INTERNAL_TOKEN_PRIVATE_JWK: privateJwk, MAX_DEPTH: '9', KAFKA_BROKERS: 'kafka:9092' });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/INTERNAL_TOKEN_PRIVATE_JWK +\*\*\* \(set\)/);
    expect(result.stdout).toMatch(/MAX_DEPTH +9/);
    expect(result.stdout).not.toContain('nWGxne');
  });

  it('refuses to start the gateway without identity’s session events, unless EVENTS=off says so', () => {
    // Without them a signed-out access token would keep working until it expires.
    const result = start('gateway/src/main.ts', { INTERNAL_TOKEN_PRIVATE_JWK: privateJwk });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('  KAFKA_BROKERS:');
  });

  it('documents every variable either entry point reads in the README’s one table', () => {
    const readme = readFileSync(`${root}/README.md`, 'utf8');
    const table = readme.slice(readme.indexOf('## Environment'));
    for (const name of [...Object.keys(subgraphEnv.shape), ...Object.keys(gatewayEnvSchema.shape)]) expect(table, name).toContain(`\`${name}\``);
  });
});
