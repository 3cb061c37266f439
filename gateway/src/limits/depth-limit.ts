import { GraphQLError, Kind, type ASTVisitor, type FragmentDefinitionNode, type SelectionNode, type SelectionSetNode, type ValidationContext } from 'graphql';

/**
 * Refuses operations nested deeper than `maxDepth` fields, following fragments.
 * Introspection (`__schema`, `__type`) is measured against its own, higher ceiling:
 * it reads the schema, not data, yet tools like GraphiQL nest `ofType` a dozen levels.
 */
export function depthLimit(maxDepth: number, maxIntrospectionDepth = 20) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    const depthOf = (selectionSet: SelectionSetNode, depth: number, visiting: Set<string>): number => {
      let deepest = depth;
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          if (selection.selectionSet) deepest = Math.max(deepest, depthOf(selection.selectionSet, depth + 1, visiting));
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, depthOf(selection.selectionSet, depth, visiting));
        } else {
          const name = selection.name.value;
          const fragment = fragments.get(name);
          if (fragment && !visiting.has(name)) {
            visiting.add(name);
            deepest = Math.max(deepest, depthOf(fragment.selectionSet, depth, visiting));
            visiting.delete(name);
          }
        }
        if (deepest > maxDepth) return deepest;
      }
      return deepest;
    };
    const isIntrospection = (selection: SelectionNode) => selection.kind === Kind.FIELD && selection.name.value.startsWith('__');
    return {
      OperationDefinition(operation) {
        const data = operation.selectionSet.selections.filter((selection) => !isIntrospection(selection));
        const introspection = operation.selectionSet.selections.filter(isIntrospection);
        const checks = [
          { selections: data, limit: maxDepth },
          { selections: introspection, limit: maxIntrospectionDepth },
        ];
        for (const { selections, limit } of checks) {
          const depth = depthOf({ kind: Kind.SELECTION_SET, selections }, 1, new Set());
          if (depth > limit) {
            context.reportError(
              new GraphQLError(`The operation is nested ${depth} levels deep; the limit is ${limit}.`, {
                nodes: [operation],
                extensions: { reason: 'QUERY_TOO_DEEP', limit },
              }),
            );
            return;
          }
        }
      },
    };
  };
}
