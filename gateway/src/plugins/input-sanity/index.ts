import { visit, type DocumentNode } from 'graphql';
import { EdgeRefusal, type EdgePlugin } from '../../edge.ts';

export interface InputSanityOptions {
  /** Nesting of a variables value beyond which it is refused (guards the walk itself). */
  readonly maxVariableDepth: number;
}

/**
 * No string input may carry a NUL byte or a lone UTF-16 surrogate: Postgres refuses
 * the first, and the second cannot be stored as UTF-8. Checked in variables (every
 * request) and in the document's string literals (once per document), and refused as
 * BAD_USER_INPUT before any subgraph is called.
 */
export function inputSanity(options: InputSanityOptions = { maxVariableDepth: 32 }): EdgePlugin {
  return {
    name: 'input-sanity',
    onOperation(call, prepared) {
      let literalProblem = prepared.memo.get('input-sanity') as string | null | undefined;
      if (literalProblem === undefined) {
        literalProblem = badLiteral(prepared.document);
        prepared.memo.set('input-sanity', literalProblem);
      }
      if (literalProblem) throw refusal(`A string literal in the document ${literalProblem}.`);
      const variables = call.operation.variables;
      if (variables) {
        const problem = badValue(variables, options.maxVariableDepth, 0);
        if (problem) throw refusal(`A variable ${problem}.`);
      }
    },
  };
}

const refusal = (message: string) => new EdgeRefusal(400, 'BAD_USER_INPUT', message);

/** Why a string is unacceptable, or null. */
export function badString(value: string): string | null {
  if (value.includes('\u0000')) return 'contains a NUL character';
  if (!value.isWellFormed()) return 'contains invalid UTF-16 (a lone surrogate)';
  return null;
}

function badValue(value: unknown, maxDepth: number, depth: number): string | null {
  if (typeof value === 'string') return badString(value);
  if (value === null || typeof value !== 'object') return null;
  if (depth >= maxDepth) return `is nested deeper than ${maxDepth} levels`;
  if (Array.isArray(value)) {
    for (const item of value) {
      const problem = badValue(item, maxDepth, depth + 1);
      if (problem) return problem;
    }
    return null;
  }
  for (const [key, item] of Object.entries(value)) {
    const problem = badString(key) ?? badValue(item, maxDepth, depth + 1);
    if (problem) return problem;
  }
  return null;
}

function badLiteral(document: DocumentNode): string | null {
  let problem: string | null = null;
  visit(document, {
    StringValue(node) {
      problem ??= badString(node.value);
    },
  });
  return problem;
}
