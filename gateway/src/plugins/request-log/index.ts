import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../../context.ts';

export interface RequestLogOptions {
  /** Operations slower than this are logged at `warn`. */
  readonly slowMs?: number;
}

/** One line per operation: name, type, duration, error count, request id (from the context's logger). */
export function requestLogPlugin(options: RequestLogOptions = {}): ApolloServerPlugin<GatewayContext> {
  const slowMs = options.slowMs ?? 1000;
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      return {
        async willSendResponse({ operationName, operation, errors, contextValue: context }) {
          const durationMs = Math.round(performance.now() - started);
          const line = { operationName, operationType: operation?.operation, durationMs, errors: errors?.length ?? 0, principal: context.principal.kind };
          if (durationMs > slowMs) contextValue.logger.warn(line, 'slow operation');
          else contextValue.logger.info(line, 'operation');
        },
      };
    },
  };
}
