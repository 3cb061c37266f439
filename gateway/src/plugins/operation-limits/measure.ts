import { Kind, type DefinitionNode, type DirectiveNode, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

/** The size of an operation with every fragment spread expanded in place. */
export interface OperationMeasure {
  /** Deepest nesting of data fields (introspection measured apart). */
  readonly depth: number;
  readonly introspectionDepth: number;
  readonly aliases: number;
  readonly rootFields: number;
  readonly directives: number;
  /** Field selections after expanding fragments: what execution would walk. */
  readonly fields: number;
}

interface Totals {
  depth: number;
  introspectionDepth: number;
  aliases: number;
  directives: number;
  fields: number;
}

const zero = (): Totals => ({ depth: 0, introspectionDepth: 0, aliases: 0, directives: 0, fields: 0 });
const cap = 1e12;

/**
 * Measures every operation of a document in time linear in the document: each
 * fragment is measured once and its totals reused wherever it is spread, so a fragment
 * spread twice by each of 24 others costs 24 measurements, not 2^24. A fragment cycle
 * (a validation error anyway) counts as empty.
 */
export function measureOperations(document: DocumentNode): Map<OperationDefinitionNode, OperationMeasure> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const measured = new Map<string, Totals>();
  const inProgress = new Set<string>();

  const fragmentTotals = (name: string): Totals => {
    const done = measured.get(name);
    if (done) return done;
    const fragment = fragments.get(name);
    if (!fragment || inProgress.has(name)) return zero();
    inProgress.add(name);
    const totals = selectionTotals(fragment.selectionSet);
    totals.directives += count(fragment.directives);
    inProgress.delete(name);
    measured.set(name, totals);
    return totals;
  };

  // Depth here is relative: a selection set's own fields are at depth 1.
  const selectionTotals = (selectionSet: SelectionSetNode): Totals => {
    const totals = zero();
    for (const selection of selectionSet.selections) {
      totals.directives += count(selection.directives);
      if (selection.kind === Kind.FIELD) {
        totals.fields += 1;
        if (selection.alias) totals.aliases += 1;
        const inner = selection.selectionSet ? selectionTotals(selection.selectionSet) : zero();
        add(totals, inner);
        totals.depth = Math.max(totals.depth, 1 + inner.depth);
      } else {
        const inner = selection.kind === Kind.INLINE_FRAGMENT ? selectionTotals(selection.selectionSet) : fragmentTotals(selection.name.value);
        add(totals, inner);
        totals.depth = Math.max(totals.depth, inner.depth);
      }
    }
    return totals;
  };

  // Introspection (`__schema`, `__type`) reads the schema, not data, yet tools like
  // GraphiQL nest `ofType` a dozen levels: its root fields are measured apart.
  const operationTotals = (operation: OperationDefinitionNode): Totals => {
    const data = operation.selectionSet.selections.filter((s) => !(s.kind === Kind.FIELD && s.name.value.startsWith('__')));
    const schema = operation.selectionSet.selections.filter((s) => s.kind === Kind.FIELD && s.name.value.startsWith('__'));
    const totals = selectionTotals({ kind: Kind.SELECTION_SET, selections: data });
    const introspection = selectionTotals({ kind: Kind.SELECTION_SET, selections: schema });
    add(totals, introspection);
    totals.introspectionDepth = introspection.depth;
    return totals;
  };

  const result = new Map<OperationDefinitionNode, OperationMeasure>();
  for (const definition of document.definitions as readonly DefinitionNode[]) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const totals = operationTotals(definition);
    result.set(definition, {
      depth: totals.depth,
      introspectionDepth: totals.introspectionDepth,
      aliases: totals.aliases,
      directives: totals.directives + count(definition.directives),
      fields: totals.fields,
      rootFields: rootFieldCount(definition.selectionSet, fragments),
    });
  }
  return result;
}

function add(into: Totals, from: Totals): void {
  into.aliases = Math.min(cap, into.aliases + from.aliases);
  into.directives = Math.min(cap, into.directives + from.directives);
  into.fields = Math.min(cap, into.fields + from.fields);
}

function count(directives: readonly DirectiveNode[] | undefined): number {
  return directives?.length ?? 0;
}

/** Fields selected at the root, through fragments (each fragment counted once per spread, visited once). */
function rootFieldCount(selectionSet: SelectionSetNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): number {
  const memo = new Map<string, number>();
  const countIn = (set: SelectionSetNode, visiting: Set<string>): number => {
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) total += 1;
      else if (selection.kind === Kind.INLINE_FRAGMENT) total += countIn(selection.selectionSet, visiting);
      else {
        const name = selection.name.value;
        const known = memo.get(name);
        if (known !== undefined) total += known;
        else {
          const fragment = fragments.get(name);
          if (!fragment || visiting.has(name)) continue;
          visiting.add(name);
          const inner = countIn(fragment.selectionSet, visiting);
          visiting.delete(name);
          memo.set(name, inner);
          total += inner;
        }
      }
      if (total > cap) return cap;
    }
    return total;
  };
  return countIn(selectionSet, new Set());
}
