import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printSchema as printFederationSchema, Supergraph } from '@apollo/federation-internals';
import { buildSchema, lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';

export const supergraphPath = fileURLToPath(new URL('../../supergraph.graphql', import.meta.url));
export const apiSchemaPath = fileURLToPath(new URL('../api-schema.graphql', import.meta.url));

/** What clients see through the gateway: the supergraph without federation's own types and directives. */
export function loadApiSchema(supergraphSdl = readFileSync(supergraphPath, 'utf8')): GraphQLSchema {
  // Through SDL text: federation-internals is CommonJS and may hold another copy of graphql-js.
  // Features the gateway enforces (`@authenticated`, `@requiresScopes`) are none of the API schema's business: not checked here.
  return lexicographicSortSchema(buildSchema(printFederationSchema(Supergraph.build(supergraphSdl, { supportedFeatures: null }).apiSchema())));
}

export function printApiSchema(schema: GraphQLSchema = loadApiSchema()): string {
  return `# Generated from schema/supergraph.graphql by \`pnpm codegen\`. Do not edit.\n${printSchema(schema)}\n`;
}
