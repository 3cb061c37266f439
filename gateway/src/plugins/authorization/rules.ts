import { Kind, parse, type DirectiveNode, type DocumentNode, type FieldDefinitionNode, type TypeNode } from 'graphql';

/** One condition a field puts on its caller: signed in, or holding the scopes of one of the `anyOf` sets. */
export type Need = ({ readonly kind: 'authenticated' } | { readonly kind: 'scopes'; readonly anyOf: ReadonlyArray<readonly string[]> }) & {
  /** The same for equal conditions: an operation is checked once per distinct condition. */
  readonly key: string;
};

export interface FieldRule {
  /** The named type the field returns. */
  readonly returns: string;
  /** The field's own conditions and its return type's, all of which must hold. */
  readonly needs: readonly Need[];
}

/** The `@authenticated` / `@requiresScopes` conditions of one served graph, read from its supergraph. */
export interface AccessRules {
  readonly roots: Readonly<Partial<Record<'query' | 'mutation' | 'subscription', string>>>;
  /** Fields of object and interface types the graph exposes (`@inaccessible` ones left out). */
  readonly fields: ReadonlyMap<string, ReadonlyMap<string, FieldRule>>;
  /** Type-level conditions, met again wherever a fragment narrows to the type. */
  readonly typeNeeds: ReadonlyMap<string, readonly Need[]>;
}

const specUrl = (spec: string) => new RegExp(`^https://specs\\.apollo\\.dev/${spec}/v\\d+\\.\\d+$`);

/**
 * Reads the access conditions federation composed into the supergraph: the
 * `authenticated` and `requiresScopes` specs linked `for: SECURITY` (under their
 * `as:` names when renamed). A supergraph without them has no conditions.
 */
export function accessRulesOf(supergraphSdl: string): AccessRules {
  const document = parse(supergraphSdl, { noLocation: true });
  const authenticated = linkedName(document, 'authenticated');
  const requiresScopes = linkedName(document, 'requiresScopes');
  const inaccessible = linkedName(document, 'inaccessible');
  const has = (directives: readonly DirectiveNode[] | undefined, name: string | null) => name !== null && (directives ?? []).some((d) => d.name.value === name);
  const needsOf = (directives: readonly DirectiveNode[] | undefined): Need[] => {
    const needs: Need[] = [];
    for (const directive of directives ?? []) {
      if (directive.name.value === authenticated) needs.push({ kind: 'authenticated', key: 'authenticated' });
      else if (directive.name.value === requiresScopes) {
        const anyOf = scopeSets(directive);
        needs.push({ kind: 'scopes', anyOf, key: `scopes:${JSON.stringify(anyOf)}` });
      }
    }
    return needs;
  };

  const roots: Partial<Record<'query' | 'mutation' | 'subscription', string>> = { query: 'Query', mutation: 'Mutation', subscription: 'Subscription' };
  const typeNeeds = new Map<string, Need[]>();
  const declared = new Map<string, readonly FieldDefinitionNode[]>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.SCHEMA_DEFINITION) {
      for (const operation of definition.operationTypes) roots[operation.operation] = operation.type.name.value;
      continue;
    }
    if (!('name' in definition) || !definition.name || !('directives' in definition)) continue;
    if (has(definition.directives, inaccessible)) continue;
    const needs = needsOf(definition.directives);
    if (needs.length > 0) typeNeeds.set(definition.name.value, needs);
    if (definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.INTERFACE_TYPE_DEFINITION) declared.set(definition.name.value, definition.fields ?? []);
  }
  const fields = new Map<string, Map<string, FieldRule>>();
  for (const [typeName, definitions] of declared) {
    const rules = new Map<string, FieldRule>();
    for (const field of definitions) {
      if (has(field.directives, inaccessible)) continue;
      const returns = namedType(field.type);
      rules.set(field.name.value, { returns, needs: [...needsOf(field.directives), ...(typeNeeds.get(returns) ?? [])] });
    }
    fields.set(typeName, rules);
  }
  return { roots, fields, typeNeeds };
}

/** The name a linked spec's directive goes by in this supergraph, or null when the spec is not linked. */
function linkedName(document: DocumentNode, spec: string): string | null {
  const pattern = specUrl(spec);
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.SCHEMA_DEFINITION && definition.kind !== Kind.SCHEMA_EXTENSION) continue;
    for (const directive of definition.directives ?? []) {
      if (directive.name.value !== 'link' && directive.name.value !== 'core') continue;
      const url = directive.arguments?.find((a) => a.name.value === 'url' || a.name.value === 'feature')?.value;
      if (url?.kind !== Kind.STRING || !pattern.test(url.value)) continue;
      // Imported under another name: `import: [{ name: "@inaccessible", as: "@federation__inaccessible" }]`.
      const imports = directive.arguments?.find((a) => a.name.value === 'import')?.value;
      for (const entry of imports?.kind === Kind.LIST ? imports.values : []) {
        if (entry.kind !== Kind.OBJECT) continue;
        const field = (key: string) => entry.fields.find((f) => f.name.value === key)?.value;
        const name = field('name');
        const renamed = field('as');
        if (name?.kind === Kind.STRING && name.value === `@${spec}` && renamed?.kind === Kind.STRING) return renamed.value.replace(/^@/, '');
      }
      const as = directive.arguments?.find((a) => a.name.value === 'as')?.value;
      return as?.kind === Kind.STRING ? as.value : spec; // a spec's own directive takes the `as:` name
    }
  }
  return null;
}

function scopeSets(directive: DirectiveNode): string[][] {
  const value = directive.arguments?.find((a) => a.name.value === 'scopes')?.value;
  if (value?.kind !== Kind.LIST) return [];
  return value.values.map((set) => (set.kind === Kind.LIST ? set.values.flatMap((scope) => (scope.kind === Kind.STRING ? [scope.value] : [])) : []));
}

const namedType = (type: TypeNode): string => (type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type));
