import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from '@jobgraph/kit';

export interface ErrorMaskingOptions {
  readonly logger: Logger;
  /** Codes whose message is meant for the client: ours, Apollo's request errors, and the subgraphs' coded errors. */
  readonly visibleCodes?: ReadonlySet<string>;
}

export const defaultVisibleCodes: ReadonlySet<string> = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
  'SUBGRAPH_UNAVAILABLE',
  'RATE_LIMITED',
]);

/** Extensions a client may see; anything else a subgraph or Apollo attached (response, serviceName, stacktrace) stays in the logs. */
const visibleExtensions = new Set(['code', 'reason', 'limit', 'retryAfterSeconds', 'field', 'requiredScopes', 'http']);

/**
 * The last filter before an error reaches a client. An error with a known code keeps
 * its message and its harmless extensions; anything else (a subgraph's HTTP failure
 * with its URL, status and body; a bug) is logged whole and answered as
 * "Unexpected error." with INTERNAL_SERVER_ERROR.
 */
export function maskGatewayErrors(options: ErrorMaskingOptions) {
  const visibleCodes = options.visibleCodes ?? defaultVisibleCodes;
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && visibleCodes.has(code)) {
      const extensions = Object.fromEntries(Object.entries(formatted.extensions ?? {}).filter(([key]) => visibleExtensions.has(key)));
      return { message: formatted.message, ...(formatted.locations ? { locations: formatted.locations } : {}), ...(formatted.path ? { path: formatted.path } : {}), extensions };
    }
    options.logger.error({ err: unwrapResolverError(error), formatted, path: formatted.path }, 'masked an error for the client');
    return { message: 'Unexpected error.', ...(formatted.path ? { path: formatted.path } : {}), extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}
