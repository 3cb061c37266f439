// `pnpm persisted:build` writes schema/client/persisted-operations.json, the trusted documents
// the gateway may require; `--check` only says whether the committed file is current.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildPersistedManifest, persistedManifestPath, printManifest } from '../src/persisted-manifest.ts';

const text = printManifest(await buildPersistedManifest());
const path = fileURLToPath(persistedManifestPath);
if (process.argv.includes('--check')) {
  let committed: string | null = null;
  try {
    committed = readFileSync(path, 'utf8');
  } catch {
    committed = null;
  }
  if (committed !== text) {
    console.error(`${path} is stale: run \`pnpm persisted:build\` and commit it.`);
    process.exit(1);
  }
  console.log(`${path} is current.`);
} else {
  writeFileSync(path, text);
  console.log(`Wrote ${path}`);
}
