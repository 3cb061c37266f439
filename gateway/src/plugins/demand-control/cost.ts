import {
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

export interface CostModel {
  /** Size assumed for a list or connection asked for without `first`. */
  readonly defaultListSize: number;
  /** Ceiling on any list size, whatever `first` says (the subgraphs cap `first` at 100). */
  readonly maxListSize: number;
  /** Weight of selecting an object field; scalars and enums cost nothing. */
  readonly objectWeight: number;
  /** Weight of each root mutation field: a write costs more than a read. */
  readonly mutationWeight: number;
  /** Per-field overrides, e.g. `{ "Query.jobs": 5 }` for a full-text search. */
  readonly fieldWeights: Readonly<Record<string, number>>;
}

export const defaultCostModel: CostModel = { defaultListSize: 20, maxListSize: 100, objectWeight: 1, mutationWeight: 10, fieldWeights: {} };

export interface OperationCost {
  readonly cost: number;
  /** Whether a list size came from a variable (the cost then holds for these variables only). */
  readonly dependsOnVariables: boolean;
}

const cap = 1e12;

/**
 * The static cost of the operation: every object field weighs `objectWeight` (or its
 * override), times the size of each list it sits in (`first`/`last`, capped; a
 * connection's `edges`/`nodes` do not count twice). Fragments are expanded, each
 * priced once and reused, so the price is linear in the document.
 */
export function operationCost(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined, variables: Readonly<Record<string, unknown>>, model: CostModel = defaultCostModel): OperationCost | null {
  const operation = pickOperation(document, operationName);
  if (!operation) return null;
  const root = schema.getRootType(operation.operation);
  if (!root) return null;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const priced = new Map<string, number>();
  const pricing = new Set<string>();
  let dependsOnVariables = false;

  const listSize = (field: FieldNode): number => {
    for (const argument of field.arguments ?? []) {
      if (argument.name.value !== 'first' && argument.name.value !== 'last') continue;
      let value: unknown = null;
      if (argument.value.kind === Kind.INT) value = Number(argument.value.value);
      else if (argument.value.kind === Kind.VARIABLE) {
        dependsOnVariables = true;
        value = variables[argument.value.name.value];
      }
      if (typeof value === 'number' && Number.isFinite(value)) return Math.max(0, Math.min(model.maxListSize, value));
    }
    return model.defaultListSize;
  };

  const selectionCost = (parent: GraphQLCompositeType, selectionSet: SelectionSetNode): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) total += fieldCost(parent, selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (type && isCompositeType(type)) total += selectionCost(type, selection.selectionSet);
      } else total += fragmentCost(selection.name.value);
      if (total > cap) return cap;
    }
    return total;
  };

  const fragmentCost = (name: string): number => {
    const known = priced.get(name);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    const type = fragment && schema.getType(fragment.typeCondition.name.value);
    if (!fragment || !type || !isCompositeType(type) || pricing.has(name)) return 0;
    pricing.add(name);
    const cost = selectionCost(type, fragment.selectionSet);
    pricing.delete(name);
    priced.set(name, cost);
    return cost;
  };

  const fieldCost = (parent: GraphQLCompositeType, field: FieldNode): number => {
    if (field.name.value.startsWith('__') || !hasFields(parent)) return 0;
    const definition = parent.getFields()[field.name.value];
    if (!definition) return 0;
    const named = getNamedType(definition.type);
    const override = model.fieldWeights[`${parent.name}.${field.name.value}`];
    const isMutationRoot = parent === schema.getMutationType();
    const weight = override ?? (isMutationRoot ? model.mutationWeight : isCompositeType(named) ? model.objectWeight : 0);
    if (!field.selectionSet || !isCompositeType(named)) return weight;
    const inConnectionAlready = parent.name.endsWith('Connection') && (field.name.value === 'edges' || field.name.value === 'nodes');
    const isList = String(definition.type).startsWith('[') || named.name.endsWith('Connection');
    const size = isList && !inConnectionAlready ? listSize(field) : 1;
    return Math.min(cap, weight + size * selectionCost(named, field.selectionSet));
  };

  const cost = selectionCost(root, operation.selectionSet);
  return { cost: Math.ceil(cost), dependsOnVariables };
}

function pickOperation(document: DocumentNode, operationName: string | undefined): OperationDefinitionNode | null {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operationName) return operations.find((o) => o.name?.value === operationName) ?? null;
  return operations.length === 1 ? (operations[0] as OperationDefinitionNode) : null;
}

// Duck-typed on purpose: the gateway's schema is built by the CommonJS copy of graphql
// (@apollo/gateway), so the ESM copy's `instanceof`-based predicates would refuse it.
function getNamedType(type: GraphQLOutputType): GraphQLNamedType {
  let current: unknown = type;
  while (typeof current === 'object' && current !== null && 'ofType' in current && (current as { ofType: unknown }).ofType) current = (current as { ofType: unknown }).ofType;
  return current as GraphQLNamedType;
}

function isCompositeType(type: unknown): type is GraphQLCompositeType {
  return typeof type === 'object' && type !== null && (('getFields' in type && 'getInterfaces' in type) || 'getTypes' in type);
}

function hasFields(type: GraphQLCompositeType): type is Extract<GraphQLCompositeType, { getFields: unknown }> {
  return 'getFields' in type && 'getInterfaces' in type;
}
