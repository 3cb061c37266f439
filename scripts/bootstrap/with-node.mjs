// Runs a Jobgraph entry point on Node 24 whatever Node invoked it: `npm run dev` on a
// machine whose Node is 20 re-executes with the Node that `npm run setup` installed.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import path from 'node:path';
import { fail, jobgraphNode, nodeVersion, pathWith, root } from './toolchain.mjs';

const args = process.argv.slice(2);
const node = jobgraphNode();
if (!node) fail(`Jobgraph runs on Node 24 and this is Node ${process.versions.node}; run \`npm run setup\` once (it installs Node ${nodeVersion} and pnpm into .tools from the npm registry), then try again.`);
if (!existsSync(path.join(root, 'node_modules', '.pnpm'))) fail('The workspace is not installed yet; run `npm run setup` (or `pnpm install`) first, then try again.');

const child = spawn(node, args, { cwd: process.cwd(), stdio: 'inherit', env: { ...process.env, PATH: pathWith(node) } });
// The child is in our process group and gets Ctrl-C itself; a SIGTERM sent to us alone is passed on.
process.on('SIGTERM', () => child.kill('SIGTERM'));
process.on('SIGINT', () => {});
child.on('exit', (code, signal) => process.exit(code ?? 128 + (signal ? (constants.signals[signal] ?? 1) : 1)));
