import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ErrorCode } from './error-code.ts';
import type { Logger } from './logger.ts';

/**
 * Coded GraphQL errors (ours, and Apollo's validation and input errors) reach the
 * client as they are; anything else is a bug, logged whole and shown as a generic message.
 */
export function maskErrors(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (isGraphQLError(original)) return formatted;
    logger.error({ err: original, path: formatted.path }, 'unexpected error while resolving');
    return {
      message: 'Unexpected error.',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

/**
 * Whether an error was raised on purpose, with a code. The shape decides, not
 * `instanceof`: graphql ships CommonJS and ESM builds (a tool that loads both makes
 * `instanceof` fail across them), and the gateway receives a subgraph's errors as
 * plain objects. Subgraphs mask their own unexpected errors, so a coded error from
 * downstream is safe to show.
 */
export function isGraphQLError(error: unknown): error is GraphQLError {
  if (error instanceof GraphQLError) return true;
  if (typeof error !== 'object' || error === null || !('extensions' in error)) return false;
  const extensions = error.extensions;
  return typeof extensions === 'object' && extensions !== null && 'code' in extensions && typeof extensions.code === 'string';
}
