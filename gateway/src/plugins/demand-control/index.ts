import type { GraphQLSchema } from 'graphql';
import { EdgeRefusal, principalKey, type EdgePlugin, type Endpoint } from '../../edge.ts';
import { defaultCostModel, operationCost, type CostModel, type OperationCost } from './cost.ts';
import type { TokenBuckets } from './token-bucket.ts';

export interface DemandControlOptions {
  readonly model?: Partial<CostModel>;
  /** Per-principal budgets (API key, user, or IP for anonymous callers). */
  readonly budgets: TokenBuckets;
  /** An operation dearer than this is refused outright, whatever the budget (COST_LIMIT_EXCEEDED). */
  readonly maxOperationCost: number;
  /** The schema operations are priced against (the API schema in use). */
  readonly schema: (endpoint: Endpoint) => GraphQLSchema | null;
  readonly observer?: { refused(reason: 'cost' | 'budget'): void; priced(cost: number): void };
}

/**
 * Prices each operation statically before it runs, announces the price in
 * `extensions.cost` ({ requested, budgetRemaining }), and draws it from the caller's
 * token bucket. Over budget: 429 RATE_LIMITED with Retry-After, nothing executed.
 */
export function demandControl(options: DemandControlOptions): EdgePlugin {
  const model = { ...defaultCostModel, ...options.model };
  return {
    name: 'demand-control',
    async onOperation(call, prepared) {
      const schema = options.schema(call.endpoint);
      if (!schema) return;
      const memoKey = `demand-control:${call.operation.operationName ?? ''}`;
      const price = () => operationCost(schema, prepared.document, call.operation.operationName, call.operation.variables ?? {}, model);
      let priced = prepared.memo.get(memoKey) as OperationCost | null | undefined;
      if (priced === undefined) {
        priced = price();
        prepared.memo.set(memoKey, priced);
      } else if (priced?.dependsOnVariables) {
        // A price read from variables (a list's `first`) holds for those variables: the last ones are kept with it,
        // so a client asking the same page again is priced once, and other variables are priced anew.
        const variables = JSON.stringify(call.operation.variables ?? {});
        const last = prepared.memo.get(`${memoKey}:variables`) as { readonly variables: string; readonly priced: OperationCost | null } | undefined;
        if (last?.variables === variables) priced = last.priced;
        else {
          priced = price();
          prepared.memo.set(`${memoKey}:variables`, { variables, priced });
        }
      }
      if (!priced) return; // no such operation: Apollo answers that
      const requested = priced.cost;
      options.observer?.priced(requested);
      if (requested > options.maxOperationCost) {
        options.observer?.refused('cost');
        throw new EdgeRefusal(400, 'COST_LIMIT_EXCEEDED', `The operation costs ${requested}; the most one operation may cost is ${options.maxOperationCost}.`, {
          extensions: { cost: { requested, limit: options.maxOperationCost } },
        });
      }
      const answer = await options.budgets.take(principalKey(call), requested);
      if (!answer.allowed) {
        options.observer?.refused('budget');
        throw new EdgeRefusal(429, 'RATE_LIMITED', `The operation costs ${requested} and ${answer.remaining} of your budget is left; retry in ${answer.retryAfterSeconds} s.`, {
          extensions: { retryAfterSeconds: answer.retryAfterSeconds, cost: { requested, budgetRemaining: answer.remaining } },
          headers: { 'retry-after': String(answer.retryAfterSeconds) },
        });
      }
      call.responseExtensions.cost = { requested, budgetRemaining: answer.remaining };
    },
  };
}
