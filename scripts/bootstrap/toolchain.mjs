// Plain JavaScript on purpose: this runs on whatever Node the machine has (20 or newer)
// before Jobgraph's own toolchain exists, so it cannot use TypeScript or Node 24 APIs.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const toolsDir = process.env.JOBGRAPH_TOOLS_DIR ? path.resolve(process.env.JOBGRAPH_TOOLS_DIR) : path.join(root, '.tools');

/** The Node release Jobgraph runs on, installed from the npm registry when the machine's is older. */
export const nodeVersion = '24.21.0';
/** The oldest Node that can run the set-up itself. */
export const minimumBootstrapMajor = 20;

const packageJson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
export const pnpmVersion = String(packageJson.packageManager).split('@')[1];

const [requiredMajor, requiredMinor] = nodeVersion.split('.').map(Number);

/** True when `version` (like `v24.11.1`) can run Jobgraph: Node 24 from 24.11 on. */
export function runsJobgraph(version) {
  const [major, minor] = version.replace(/^v/, '').split('.').map(Number);
  return major === requiredMajor && minor >= Math.min(requiredMinor, 11);
}

/** The npm package that ships Node for this machine, or null where none is published. */
export function nodePackageName(platform = process.platform, arch = process.arch) {
  const supported = { linux: ['x64', 'arm64'], darwin: ['x64', 'arm64'] };
  return supported[platform]?.includes(arch) ? `node-${platform}-${arch}` : null;
}

export function toolsNodeBinary() {
  const name = nodePackageName();
  return name ? path.join(toolsDir, 'node_modules', name, 'bin', 'node') : null;
}

export const toolsPnpmScript = path.join(toolsDir, 'node_modules', 'pnpm', 'bin', 'pnpm.cjs');

/** The Node binary to run Jobgraph with: this one when it fits, else the one in .tools, else null. */
export function jobgraphNode() {
  if (runsJobgraph(process.version)) return process.execPath;
  const candidate = toolsNodeBinary();
  return candidate && existsSync(candidate) ? candidate : null;
}

/** PATH with Jobgraph's Node and pnpm first, so child processes (turbo, tsc, pnpm) find them. */
export function pathWith(nodeBinary) {
  const entries = [path.dirname(nodeBinary), path.join(toolsDir, 'node_modules', '.bin'), process.env.PATH ?? ''];
  return entries.filter(Boolean).join(path.delimiter);
}

export function fail(sentence) {
  process.stderr.write(`\n${sentence}\n\n`);
  process.exit(1);
}
