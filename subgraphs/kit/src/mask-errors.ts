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
 * graphql ships CommonJS and ESM builds; a tool that loads both (vitest does) makes
 * `instanceof` fail across them, so the error's shape decides.
 */
export function isGraphQLError(error: unknown): error is GraphQLError {
  return error instanceof GraphQLError || (error instanceof Error && 'extensions' in error && typeof error.extensions === 'object' && error.extensions !== null);
}
