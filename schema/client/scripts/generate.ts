// `pnpm codegen` for the client: the API schema, the typed documents (client preset) and
// the cache configuration, all from the committed supergraph.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import { apiSchemaPath, loadApiSchema, printApiSchema } from '../src/api-schema.ts';
import { possibleTypesOf, typesWithoutIdentity } from '../src/cache-policies.ts';

const schema = loadApiSchema();
writeFileSync(apiSchemaPath, printApiSchema(schema));

const banner = '/* Generated from schema/supergraph.graphql by `pnpm codegen`. Do not edit. */\n';
const cacheFile = fileURLToPath(new URL('../src/generated/cache-shape.ts', import.meta.url));
mkdirSync(path.dirname(cacheFile), { recursive: true });
writeFileSync(
  cacheFile,
  `${banner}\n/** Apollo Client's \`possibleTypes\`: which object types each interface and union may be. */\n` +
    `export const possibleTypes: Record<string, readonly string[]> = ${JSON.stringify(possibleTypesOf(schema), null, 2)};\n\n` +
    `/** Object types without an \`id\`: kept inside their parent, merged rather than replaced. */\n` +
    `export const typesWithoutIdentity: readonly string[] = ${JSON.stringify(typesWithoutIdentity(schema), null, 2)};\n`,
);

await generate(
  {
    schema: apiSchemaPath,
    documents: ['src/operations/**/*.ts'],
    ignoreNoDocuments: false,
    generates: {
      'src/generated/gql/': {
        preset: 'client',
        presetConfig: { fragmentMasking: false },
        config: { useTypeImports: true, enumsAsTypes: true, importExtension: '.ts', scalars: { DateTime: 'string', Date: 'string', UUID: 'string', EmailAddress: 'string', URL: 'string', Currency: 'string', JSONObject: 'Record<string, unknown>' } },
      },
    },
    silent: true,
  },
  true,
);
