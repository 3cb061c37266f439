import { createRequire } from 'node:module';
import type { GraphQLSchema, validate as validateType } from 'graphql';
import { EdgeRefusal, type EdgePlugin, type Endpoint } from '../../edge.ts';
import { grantOf, type Grant } from './grants.ts';
import { requirementsOf, type Requirement } from './requirements.ts';
import type { AccessRules } from './rules.ts';

export interface AuthorizationOptions {
  /** The access rules of the graph served at that endpoint (null until its supergraph loads). */
  readonly rules: (endpoint: Endpoint) => AccessRules | null;
  /** The API schema served there: a refusal waits until the document is known to be valid against it. */
  readonly schema: (endpoint: Endpoint) => GraphQLSchema | null;
}

// The gateway's schema is built by the CommonJS copy of graphql (@apollo/gateway); only that copy's validate accepts it.
const { validate } = createRequire(import.meta.url)('graphql') as { validate: typeof validateType };

interface Memo {
  readonly rules: AccessRules;
  readonly requirements: Requirement[] | null;
  /** Whether the document validates against the schema; learnt only when the caller falls short. */
  valid?: boolean;
}

/**
 * `@authenticated` and `@requiresScopes` from the supergraph, enforced before anything
 * executes: the operation's conditions are found once per document (and graph), then
 * checked against the caller on every request (grants.ts says who holds which
 * scope). An anonymous caller on an `@authenticated` field is refused 401
 * UNAUTHENTICATED; a caller lacking a `@requiresScopes` field's scopes 403 FORBIDDEN
 * (`extensions.requiredScopes`); either names the field and its response path.
 */
export function authorization(options: AuthorizationOptions): EdgePlugin {
  return {
    name: 'authorization',
    onOperation(call, prepared) {
      const rules = options.rules(call.endpoint);
      if (!rules) return;
      const memoKey = `authorization:${call.endpoint}:${call.operation.operationName ?? ''}`;
      let memo = prepared.memo.get(memoKey) as Memo | undefined;
      if (memo?.rules !== rules) {
        memo = { rules, requirements: requirementsOf(rules, prepared.document, call.operation.operationName) };
        prepared.memo.set(memoKey, memo);
      }
      if (!memo.requirements || memo.requirements.length === 0) return;
      const refusal = refusalFor(memo.requirements, grantOf(call.principal, call.apiKeyId));
      if (!refusal) return;
      // An invalid document is answered as such (by validation, after the edge), whoever asks.
      if (memo.valid === undefined) {
        const schema = options.schema(call.endpoint);
        memo.valid = schema ? validate(schema, prepared.document).length === 0 : true;
      }
      if (memo.valid) throw refusal;
    },
  };
}

function refusalFor(requirements: readonly Requirement[], grant: Grant): EdgeRefusal | null {
  // Signing in comes first: an anonymous caller is told to sign in before being told what it lacks.
  if (!grant.signedIn) {
    const needsSignIn = requirements.find((requirement) => requirement.need.kind === 'authenticated');
    if (needsSignIn) return unauthenticated(needsSignIn);
  }
  for (const requirement of requirements) {
    if (requirement.need.kind === 'scopes' && !requirement.need.anyOf.some((set) => set.every((scope) => grant.has(scope)))) return forbidden(requirement, requirement.need.anyOf);
  }
  return null;
}

function unauthenticated({ path, coordinate }: Requirement): EdgeRefusal {
  return new EdgeRefusal(401, 'UNAUTHENTICATED', `\`${coordinate}\` (at ${path.join('.')}) needs a signed-in caller; nothing was run.`, {
    path,
    headers: { 'www-authenticate': 'Bearer' },
  });
}

function forbidden({ path, coordinate }: Requirement, anyOf: ReadonlyArray<readonly string[]>): EdgeRefusal {
  const wording = anyOf.map((set) => set.join(' and ')).join(', or ') || '(none can be granted)';
  return new EdgeRefusal(403, 'FORBIDDEN', `\`${coordinate}\` (at ${path.join('.')}) needs the scope ${wording}; nothing was run.`, {
    path,
    extensions: { requiredScopes: anyOf },
  });
}
