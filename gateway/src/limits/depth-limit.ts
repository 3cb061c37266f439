import { GraphQLError, Kind, type ASTVisitor, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext } from 'graphql';

/**
 * Refuses operations nested deeper than `maxDepth` fields, following fragments.
 * Introspection's own nesting counts too, so GraphiQL needs a depth of about 12.
 */
export function depthLimit(maxDepth: number) {
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
    return {
      OperationDefinition(operation) {
        const depth = depthOf(operation.selectionSet, 1, new Set());
        if (depth > maxDepth) {
          context.reportError(
            new GraphQLError(`The operation is nested ${depth} levels deep; the limit is ${maxDepth}.`, {
              nodes: [operation],
              extensions: { reason: 'QUERY_TOO_DEEP', limit: maxDepth },
            }),
          );
        }
      },
    };
  };
}
