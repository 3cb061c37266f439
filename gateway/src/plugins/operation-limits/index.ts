import { EdgeRefusal, type EdgePlugin, type PreparedDocument } from '../../edge.ts';
import { measureOperations, type OperationMeasure } from './measure.ts';

export interface OperationLimitsOptions {
  /** Nesting of data fields. */
  readonly maxDepth: number;
  /** Nesting under `__schema` / `__type`, which GraphiQL's introspection needs deeper. */
  readonly maxIntrospectionDepth: number;
  readonly maxAliases: number;
  readonly maxRootFields: number;
  readonly maxDirectives: number;
  /** Field selections once every fragment spread is expanded. */
  readonly maxExpandedFields: number;
}

export const defaultOperationLimits: OperationLimitsOptions = {
  maxDepth: 12,
  maxIntrospectionDepth: 20,
  maxAliases: 30,
  maxRootFields: 20,
  maxDirectives: 50,
  maxExpandedFields: 2000,
};

type Verdict = EdgeRefusal | null;

/**
 * Depth, aliases, root fields, directives and expanded size, measured in one linear
 * pass per distinct document (remembered on it), before validation or execution.
 */
export function operationLimits(options: OperationLimitsOptions = defaultOperationLimits): EdgePlugin {
  return {
    name: 'operation-limits',
    onOperation(_call, prepared) {
      let verdict = prepared.memo.get('operation-limits') as Verdict | undefined;
      if (verdict === undefined) {
        verdict = operationLimitVerdict(prepared, options);
        prepared.memo.set('operation-limits', verdict);
      }
      if (verdict) throw verdict;
    },
  };
}

export function operationLimitVerdict(prepared: PreparedDocument, options: OperationLimitsOptions): Verdict {
  for (const measure of measureOperations(prepared.document).values()) {
    const refusal = firstExceeded(measure, options);
    if (refusal) return refusal;
  }
  return null;
}

function firstExceeded(measure: OperationMeasure, limits: OperationLimitsOptions): Verdict {
  const checks: ReadonlyArray<readonly [number, number, string, (n: number, limit: number) => string]> = [
    [measure.fields, limits.maxExpandedFields, 'QUERY_TOO_LARGE', (n, l) => `The operation selects ${format(n)} fields once fragments are expanded; the limit is ${l}.`],
    [measure.depth, limits.maxDepth, 'QUERY_TOO_DEEP', (n, l) => `The operation is nested ${n} levels deep; the limit is ${l}.`],
    [measure.introspectionDepth, limits.maxIntrospectionDepth, 'QUERY_TOO_DEEP', (n, l) => `The introspection query is nested ${n} levels deep; the limit is ${l}.`],
    [measure.aliases, limits.maxAliases, 'TOO_MANY_ALIASES', (n, l) => `The operation uses ${format(n)} aliases; the limit is ${l}.`],
    [measure.rootFields, limits.maxRootFields, 'TOO_MANY_ROOT_FIELDS', (n, l) => `The operation selects ${format(n)} root fields; the limit is ${l}.`],
    [measure.directives, limits.maxDirectives, 'TOO_MANY_DIRECTIVES', (n, l) => `The operation uses ${format(n)} directives; the limit is ${l}.`],
  ];
  for (const [value, limit, code, message] of checks) {
    if (value > limit) return new EdgeRefusal(400, code, message(value, limit), { extensions: { limit } });
  }
  return null;
}

const format = (n: number) => (n >= 1e12 ? 'more than 10^12' : String(n));
