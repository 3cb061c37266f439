import type { GraphQLFormattedError } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { GatewayContext } from '../../context.ts';

export interface ErrorMaskingOptions {
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
 * with its URL, status and body; a bug) is answered as "Unexpected error." with
 * INTERNAL_SERVER_ERROR, and logged whole by `maskedErrorLog` with the request's id and
 * trace id.
 */
export function maskGatewayErrors(options: ErrorMaskingOptions = {}) {
  const visibleCodes = options.visibleCodes ?? defaultVisibleCodes;
  return (formatted: GraphQLFormattedError): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && visibleCodes.has(code)) {
      const extensions = Object.fromEntries(Object.entries(formatted.extensions ?? {}).filter(([key]) => visibleExtensions.has(key)));
      return { message: formatted.message, ...(formatted.locations ? { locations: formatted.locations } : {}), ...(formatted.path ? { path: formatted.path } : {}), extensions };
    }
    return { message: 'Unexpected error.', ...(formatted.path ? { path: formatted.path } : {}), extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}

/** Logs, in full and with the request's logger (request id, trace id), every error the client will see masked. */
export function maskedErrorLog(visibleCodes: ReadonlySet<string> = defaultVisibleCodes): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ contextValue, errors }) {
          for (const error of errors) {
            const code = error.extensions?.code;
            if (typeof code === 'string' && visibleCodes.has(code)) continue;
            contextValue.logger.error({ err: unwrapResolverError(error), path: error.path, extensions: error.extensions }, 'masked an error for the client');
          }
        },
      };
    },
  };
}
