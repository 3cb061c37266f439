// `npm run setup`: everything Jobgraph needs, from the npm registry, on a machine that has
// only Node 20+ and npm. Idempotent: a second run only re-checks the workspace install.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fail, jobgraphNode, minimumBootstrapMajor, nodePackageName, nodeVersion, pathWith, pnpmVersion, root, toolsDir, toolsPnpmScript } from './toolchain.mjs';

const say = (line) => process.stdout.write(`${line}\n`);
const major = Number(process.versions.node.split('.')[0]);
if (major < minimumBootstrapMajor) {
  fail(`Jobgraph's set-up needs Node ${minimumBootstrapMajor} or newer with npm (this is Node ${process.versions.node}); install a current Node, then run \`npm run setup\` again.`);
}

function run(command, args, env = process.env) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  if (result.error) fail(`Could not run ${command}: ${result.error.message}.`);
  return result.status ?? 1;
}

const pnpmInstalled = () => existsSync(toolsPnpmScript) && spawnSync(process.execPath, [toolsPnpmScript, '--version'], { encoding: 'utf8' }).stdout?.trim() === pnpmVersion;
const wanted = [];
if (!jobgraphNode()) {
  const name = nodePackageName();
  if (!name) fail(`Jobgraph needs Node 24, and the npm registry has no Node package for ${process.platform}-${process.arch}; install Node ${nodeVersion} yourself, then run \`npm run setup\` again.`);
  wanted.push(`${name}@${nodeVersion}`);
}
if (!pnpmInstalled()) wanted.push(`pnpm@${pnpmVersion}`);

if (wanted.length > 0) {
  say(`setup: installing ${wanted.join(' and ')} into ${toolsDir} (from the npm registry)`);
  const npm = process.env.npm_execpath ? [process.execPath, [process.env.npm_execpath]] : ['npm', []];
  const status = run(npm[0], [...npm[1], 'install', '--no-audit', '--no-fund', '--no-save', '--prefix', toolsDir, ...wanted]);
  if (status !== 0) fail(`npm could not install ${wanted.join(' and ')}; check that the npm registry is reachable (\`npm ping\`), then run \`npm run setup\` again.`);
}

const node = jobgraphNode();
if (!node) fail(`Node ${nodeVersion} was installed but does not run on this machine; install Node 24 yourself, then run \`npm run setup\` again.`);
say(`setup: Node ${spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim()}, pnpm ${pnpmVersion}`);

const env = { ...process.env, PATH: pathWith(node) };
if (run(node, [toolsPnpmScript, 'install', '--frozen-lockfile'], env) !== 0) fail('pnpm could not install the workspace; the lines above say why.');
say('\nsetup: done. `npm run dev` starts the stack; `npm test` runs every test.');
