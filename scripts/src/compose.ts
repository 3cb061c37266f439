import { writeFileSync } from 'node:fs';
import { committedSupergraph, composeSupergraph, supergraphPath } from './supergraph.ts';

/** `pnpm compose` writes schema/supergraph.graphql; `pnpm compose --check` only says whether it is current. */
const check = process.argv.includes('--check');
const composition = composeSupergraph();
if (!composition.ok) {
  console.error(`Composition failed:\n${composition.errors.map((e) => `  - ${e}`).join('\n')}`);
  process.exit(1);
}
for (const hint of composition.hints) console.warn(`hint: ${hint}`);
if (check) {
  if (committedSupergraph() !== composition.supergraphSdl) {
    console.error('schema/supergraph.graphql is stale: run `pnpm compose` and commit it.');
    process.exit(1);
  }
  console.log('schema/supergraph.graphql is current.');
} else {
  writeFileSync(supergraphPath, composition.supergraphSdl);
  console.log(`Wrote ${supergraphPath}`);
}
