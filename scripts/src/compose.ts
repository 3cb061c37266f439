import { writeFileSync } from 'node:fs';
import { committedPublicSupergraph, composePublicContract, publicSupergraphPath } from './public-contract.ts';
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

// The partners' contract (fields tagged @tag(name: "public")), composed the same way.
const contract = composePublicContract();
if (!contract.ok) {
  console.error(`Public contract composition failed:\n${contract.errors.map((e) => `  - ${e}`).join('\n')}`);
  process.exit(1);
}
if (check) {
  if (committedPublicSupergraph() !== contract.supergraphSdl) {
    console.error('schema/public.supergraph.graphql is stale: run `pnpm compose` and commit it.');
    process.exit(1);
  }
  console.log('schema/public.supergraph.graphql is current.');
} else {
  writeFileSync(publicSupergraphPath, contract.supergraphSdl);
  console.log(`Wrote ${publicSupergraphPath}`);
}
