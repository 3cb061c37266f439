import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const withNode = path.join(root, 'scripts/bootstrap/with-node.mjs');

/** The machine's own Node, as a new user has it before `npm run setup` (Node 20 here). */
function machineNode(): string {
  for (const candidate of ['/usr/bin/node', '/usr/local/bin/node']) {
    const version = spawnSync(candidate, ['--version'], { encoding: 'utf8' }).stdout?.trim();
    if (version) return candidate;
  }
  return process.execPath;
}

/**
 * A tools folder as `npm run setup` leaves it on a machine whose Node is not 24: Node 24
 * (the one running these tests) where setup installs it. Made here, so the tests do not
 * depend on whether this checkout's setup ran under Node 24 (then it installs none).
 */
function toolsWithNode24(): Record<string, string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'jobgraph-tools-'));
  const bin = path.join(dir, 'node_modules', `node-${process.platform}-${process.arch}`, 'bin');
  mkdirSync(bin, { recursive: true });
  symlinkSync(process.execPath, path.join(bin, 'node'));
  return { JOBGRAPH_TOOLS_DIR: dir };
}

function run(node: string, args: string[], env: Record<string, string> = {}) {
  return spawnSync(node, [withNode, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } });
}

describe('running Jobgraph from the machine’s own Node', () => {
  it('runs every entry point on Node 24, whatever Node started it', () => {
    const result = run(machineNode(), ['-e', 'console.log(process.version)'], toolsWithNode24());
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toMatch(/^v24\./);
  });

  it('passes the entry point’s exit code on', () => {
    expect(run(machineNode(), ['-e', 'process.exit(7)'], toolsWithNode24()).status).toBe(7);
  });

  it('without Node 24 anywhere, says in one sentence to run `npm run setup`', () => {
    const node = machineNode();
    const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
    const result = run(node, ['-e', 'console.log("ran")'], { JOBGRAPH_TOOLS_DIR: mkdtempSync(path.join(tmpdir(), 'jobgraph-no-tools-')) });
    if (version.startsWith('v24.')) {
      // This machine's Node already runs Jobgraph: nothing to install, and it runs.
      expect(result.stdout.trim()).toBe('ran');
      return;
    }
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim()).toBe(
      `Jobgraph runs on Node 24 and this is Node ${version.slice(1)}; run \`npm run setup\` once (it installs Node 24.21.0 and pnpm into .tools from the npm registry), then try again.`,
    );
  });
});
