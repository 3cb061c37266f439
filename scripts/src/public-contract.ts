import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { composeServices } from '@apollo/composition';
import { Kind, parse, visit, type ConstDirectiveNode, type DocumentNode, type FieldDefinitionNode, type InputValueDefinitionNode, type TypeNode } from 'graphql';
import { subgraphModules } from './subgraph-modules.ts';
import type { Composition } from './supergraph.ts';

export const publicSupergraphPath = fileURLToPath(new URL('../../schema/public.supergraph.graphql', import.meta.url));
export const publicTag = 'public';

const builtInScalars = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);
const inaccessible: ConstDirectiveNode = { kind: Kind.DIRECTIVE, name: { kind: Kind.NAME, value: 'federation__inaccessible' }, arguments: [] };

/**
 * The partners' contract: the supergraph with every element not tagged
 * `@tag(name: "public")` (nor reachable from one that is) marked `@inaccessible`
 * before composition. The query planner still sees the whole graph (keys stay
 * usable); the contract's API schema, its introspection and its validation hold the
 * public fields alone.
 */
export function composePublicContract(): Composition {
  const subgraphs = subgraphModules.map((module) => ({ name: module.name, url: `http://127.0.0.1:${module.defaultPort}/graphql`, typeDefs: parse(readFileSync(module.schemaPath, 'utf8')) }));
  const reachable = reachableTypes(subgraphs.map((s) => s.typeDefs));
  const tagged = taggedFields(subgraphs.map((s) => s.typeDefs));
  const result = composeServices(subgraphs.map((subgraph) => ({ ...subgraph, typeDefs: hideUntagged(subgraph.typeDefs, reachable, tagged) })));
  if (result.errors) return { ok: false, errors: result.errors.map((error) => error.message) };
  return { ok: true, supergraphSdl: result.supergraphSdl, hints: [] };
}

export function committedPublicSupergraph(): string | null {
  try {
    return readFileSync(publicSupergraphPath, 'utf8');
  } catch {
    return null;
  }
}

const isTagged = (node: { directives?: readonly ConstDirectiveNode[] | undefined }) =>
  (node.directives ?? []).some((d) => (d.name.value === 'tag' || d.name.value === 'federation__tag') && d.arguments?.some((a) => a.value.kind === Kind.STRING && a.value.value === publicTag));

const namedType = (type: TypeNode): string => (type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type));

/** Types a tagged field returns or takes, and what those reach through their tagged fields, input fields and union members. */
function reachableTypes(documents: readonly DocumentNode[]): Set<string> {
  const definitions = new Map<string, Array<DocumentNode['definitions'][number]>>();
  for (const document of documents) {
    for (const definition of document.definitions) {
      if ('name' in definition && definition.name) definitions.set(definition.name.value, [...(definitions.get(definition.name.value) ?? []), definition]);
    }
  }
  const reached = new Set<string>(['Query']);
  const queue: string[] = [];
  const reach = (name: string) => {
    if (!reached.has(name)) {
      reached.add(name);
      queue.push(name);
    }
  };
  const follow = (field: FieldDefinitionNode | InputValueDefinitionNode) => {
    reach(namedType(field.type));
    if ('arguments' in field) for (const argument of field.arguments ?? []) reach(namedType(argument.type));
  };
  for (const [, nodes] of definitions) {
    for (const node of nodes) {
      if ((node.kind === Kind.OBJECT_TYPE_DEFINITION || node.kind === Kind.OBJECT_TYPE_EXTENSION) && ['Query', 'Mutation'].includes(node.name.value)) {
        for (const field of node.fields ?? []) if (isTagged(field)) follow(field);
      }
    }
  }
  while (queue.length > 0) {
    const name = queue.shift() as string;
    for (const node of definitions.get(name) ?? []) {
      if ('fields' in node) for (const field of node.fields ?? []) if (node.kind.startsWith('InputObject') || isTagged(field)) follow(field);
      if ('types' in node) for (const member of node.types ?? []) reach(member.name.value);
    }
  }
  return reached;
}

/** `Type.field` of every tagged field, in any subgraph: a shareable field tagged in one is public in all. */
function taggedFields(documents: readonly DocumentNode[]): Set<string> {
  const coordinates = new Set<string>();
  for (const document of documents) {
    for (const definition of document.definitions) {
      if (!('fields' in definition) || !('name' in definition) || !definition.name) continue;
      for (const field of definition.fields ?? []) if (isTagged(field)) coordinates.add(`${definition.name.value}.${field.name.value}`);
    }
  }
  return coordinates;
}

/** Marks untagged fields and unreachable types `@inaccessible` in one subgraph's SDL. */
function hideUntagged(document: DocumentNode, reachable: ReadonlySet<string>, tagged: ReadonlySet<string>): DocumentNode {
  const hideType = <T extends { name: { value: string }; directives?: readonly ConstDirectiveNode[] | undefined }>(node: T): T =>
    reachable.has(node.name.value) || builtInScalars.has(node.name.value) ? node : { ...node, directives: [...(node.directives ?? []), inaccessible] };
  // A type's definition carries its own @inaccessible; an extension of it (a second block
  // of the same type) only hides its fields, since the directive may stand once per type.
  const hideExtensionFields = <T extends { name: { value: string }; fields?: readonly FieldDefinitionNode[] | undefined }>(node: T): T => ({
    ...node,
    fields: (node.fields ?? []).map((field) => (tagged.has(`${node.name.value}.${field.name.value}`) ? field : { ...field, directives: [...(field.directives ?? []), inaccessible] })),
  });
  const hideFields = <T extends { name: { value: string }; fields?: readonly FieldDefinitionNode[] | undefined; directives?: readonly ConstDirectiveNode[] | undefined }>(node: T): T =>
    hideType(hideExtensionFields(node));
  return visit(document, {
    ObjectTypeDefinition: hideFields,
    ObjectTypeExtension: hideExtensionFields,
    InterfaceTypeDefinition: hideFields,
    InterfaceTypeExtension: hideExtensionFields,
    UnionTypeDefinition: hideType,
    EnumTypeDefinition: hideType,
    InputObjectTypeDefinition: hideType,
    ScalarTypeDefinition: hideType,
  });
}
