import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql';

/** Refuses documents with more than `maxAliases` aliases: aliases multiply work at no cost to the caller. */
export function aliasLimit(maxAliases: number) {
  return (context: ValidationContext): ASTVisitor => {
    let aliases = 0;
    return {
      Field(field) {
        if (field.alias) aliases += 1;
      },
      Document: {
        leave(document) {
          if (aliases > maxAliases) {
            context.reportError(
              new GraphQLError(`The operation uses ${aliases} aliases; the limit is ${maxAliases}.`, {
                nodes: [document],
                extensions: { reason: 'TOO_MANY_ALIASES', limit: maxAliases },
              }),
            );
          }
        },
      },
    };
  };
}
