import { Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import type { AccessRules, Need } from './rules.ts';

/** A condition the operation meets somewhere, with the response path of the first field that needs it. */
export interface Requirement {
  readonly need: Need;
  readonly path: readonly string[];
  /** `Type.field` of that field (or the type a fragment narrows to). */
  readonly coordinate: string;
}

type Found = Map<string, Requirement>;
/** A response path as a chain to its parent: extending it costs nothing, spelling it out is done only when reported. */
type Path = { readonly key: string; readonly parent: Path } | null;

const spell = (path: Path, tail: readonly string[] = []): string[] => {
  const keys: string[] = [];
  for (let at = path; at; at = at.parent) keys.push(at.key);
  return [...keys.reverse(), ...tail];
};

/**
 * Every distinct access condition the chosen operation meets, in document order, each
 * with the first path that meets it. One pass over the document: each fragment is
 * walked once and its findings reused (re-rooted) wherever it is spread, so 24
 * fragments spreading the next twice cost 24 walks, not 2^24. Unknown fields and types
 * are skipped: validation answers those. Null when the operation is not in the document.
 */
export function requirementsOf(rules: AccessRules, document: DocumentNode, operationName: string | undefined): Requirement[] | null {
  const operation = pickOperation(document, operationName);
  if (!operation) return null;
  const root = rules.roots[operation.operation];
  if (!root) return [];
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const walked = new Map<string, Found>();
  const walking = new Set<string>();

  const add = (found: Found, need: Need, path: () => readonly string[], coordinate: string) => {
    if (!found.has(need.key)) found.set(need.key, { need, path: path(), coordinate });
  };
  const narrowTo = (found: Found, typeName: string, path: Path) => {
    for (const need of rules.typeNeeds.get(typeName) ?? []) add(found, need, () => spell(path), typeName);
  };

  const fragmentFindings = (name: string): Found => {
    const done = walked.get(name);
    if (done) return done;
    const fragment = fragments.get(name);
    const found: Found = new Map();
    if (!fragment || walking.has(name)) return found; // a cycle is a validation error; nothing to add
    walking.add(name);
    const typeName = fragment.typeCondition.name.value;
    narrowTo(found, typeName, null);
    walk(typeName, fragment.selectionSet, null, found);
    walking.delete(name);
    walked.set(name, found);
    return found;
  };

  const walk = (typeName: string, selectionSet: SelectionSetNode, path: Path, found: Found): void => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name.startsWith('__')) continue;
        const rule = rules.fields.get(typeName)?.get(name);
        if (!rule) continue;
        const here: Path = { key: selection.alias?.value ?? name, parent: path };
        for (const need of rule.needs) add(found, need, () => spell(here), `${typeName}.${name}`);
        if (selection.selectionSet) walk(rule.returns, selection.selectionSet, here, found);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const narrowed = selection.typeCondition?.name.value ?? typeName;
        if (narrowed !== typeName) narrowTo(found, narrowed, path);
        walk(narrowed, selection.selectionSet, path, found);
      } else {
        for (const { need, path: inner, coordinate } of fragmentFindings(selection.name.value).values()) add(found, need, () => spell(path, inner), coordinate);
      }
    }
  };

  const found: Found = new Map();
  walk(root, operation.selectionSet, null, found);
  return [...found.values()];
}

function pickOperation(document: DocumentNode, operationName: string | undefined): OperationDefinitionNode | null {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operationName) return operations.find((o) => o.name?.value === operationName) ?? null;
  return operations.length === 1 ? (operations[0] as OperationDefinitionNode) : null;
}
