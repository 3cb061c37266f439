/**
 * `pnpm gateway:build`: the gateway as the image runs it (infra/docker/Dockerfile, `node
 * dist/main.js`). `src/main.ts` and every gateway and kit module it loads are bundled into
 * plain ESM JavaScript in `gateway/dist/`, so the deployed process pays no type stripping
 * (about 29 MB of RSS per process; BENCHMARKS.md, gateway memory, session 6).
 *
 * - Third-party packages stay external: they load from `gateway/node_modules` as they do
 *   from the sources, so each must be a dependency of @jobgraph/gateway (checked here).
 * - What main.ts imports lazily (the gateway's code, which a cluster primary never loads;
 *   the Kafka transport; the tracing SDK) stays a separate chunk, loaded only when reached.
 * - `dist/main.js` sits two levels below the repository root, as `src/main.ts` does, so
 *   main.ts finds `schema/…` relative to its own path from either.
 *
 * Files are written next to their place and renamed over it, so a process starting the
 * bundle while another build runs (tests, the bench) never reads half a file.
 */
import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const gatewayRoot = fileURLToPath(new URL('..', import.meta.url));
const outdir = path.join(gatewayRoot, 'dist');
/** The bundle's entry: what the image's CMD, `pnpm --filter @jobgraph/gateway start` and the bench's Jobgraph rows run. */
export const gatewayBundle = path.join(outdir, 'main.js');

/** The workspace's own packages (the kit) are bundled; every other bare import stays external. */
const externalPackages: Plugin = {
  name: 'external-packages',
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@jobgraph/') ? undefined : { path: args.path, external: true }));
  },
};

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. */
const packageName = (specifier: string) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

export interface GatewayBuild {
  readonly entry: string;
  /** Every file written, relative to gateway/dist. */
  readonly files: readonly string[];
  readonly bytes: number;
}

export async function buildGateway(): Promise<GatewayBuild> {
  const result = await build({
    absWorkingDir: gatewayRoot,
    entryPoints: { main: 'src/main.ts' },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node24',
    chunkNames: 'chunk-[hash]',
    // Error and class names stay what the sources call them (logs, `instanceof`-free checks by name).
    keepNames: true,
    sourcemap: 'linked',
    plugins: [externalPackages],
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  const declared = JSON.parse(readFileSync(path.join(gatewayRoot, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const builtins = new Set(builtinModules);
  const undeclared = new Set<string>();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const imported of output.imports) {
      if (!imported.external || imported.path.startsWith('node:') || builtins.has(imported.path)) continue;
      const name = packageName(imported.path);
      if (!(name in declared.dependencies)) undeclared.add(name);
    }
  }
  if (undeclared.size > 0) throw new Error(`the gateway bundle imports ${[...undeclared].join(', ')}, not among @jobgraph/gateway's dependencies (the image installs only those)`);

  mkdirSync(outdir, { recursive: true });
  const files = result.outputFiles.map((file) => path.relative(outdir, file.path));
  for (const file of result.outputFiles) {
    const partial = `${file.path}.${process.pid}.partial`;
    writeFileSync(partial, file.contents);
    renameSync(partial, file.path);
  }
  // Chunks of earlier builds (their names carry a content hash).
  for (const stale of readdirSync(outdir)) if (/^chunk-\w+\.js(\.map)?$/.test(stale) && !files.includes(stale)) rmSync(path.join(outdir, stale), { force: true });
  return { entry: gatewayBundle, files, bytes: result.outputFiles.reduce((sum, file) => sum + (file.path.endsWith('.js') ? file.contents.byteLength : 0), 0) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const built = await buildGateway();
  console.log(`${path.relative(process.cwd(), built.entry)}: ${built.files.filter((file) => file.endsWith('.js')).length} files, ${(built.bytes / 1024).toFixed(0)} kB of JavaScript`);
}
