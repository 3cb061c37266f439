import { createHash } from 'node:crypto';
import { GraphQLError, parse } from 'graphql';
import { EdgeRefusal, type PreparedDocument } from './edge.ts';

export interface DocumentCacheOptions {
  /** Lexical tokens a document may hold; the parser stops at the first one over. */
  readonly maxTokens: number;
  /** Distinct documents remembered (parse and every plugin's verdict). */
  readonly maxEntries?: number;
}

export interface DocumentCache {
  /** The parsed document and its memo, parsed once per distinct query text; throws an EdgeRefusal when it does not parse. */
  prepare(query: string): PreparedDocument;
}

/**
 * Parses each distinct query text once. Per-document work (limits, cost, literal
 * checks) is memoised on the entry, so a repeated operation costs a hash and a map
 * lookup. Refusals are remembered too, so a replayed hostile document costs the same.
 */
export function createDocumentCache(options: DocumentCacheOptions): DocumentCache {
  const maxEntries = options.maxEntries ?? 1000;
  const entries = new Map<string, PreparedDocument | EdgeRefusal>();
  return {
    prepare(query) {
      const hash = sha256(query);
      let entry = entries.get(hash);
      if (entry) {
        entries.delete(hash);
        entries.set(hash, entry);
      } else {
        entry = parseOrRefuse(query, hash, options.maxTokens);
        entries.set(hash, entry);
        if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
      }
      if (entry instanceof EdgeRefusal) throw entry;
      return entry;
    },
  };
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function parseOrRefuse(query: string, hash: string, maxTokens: number): PreparedDocument | EdgeRefusal {
  try {
    return { hash, document: parse(query, { maxTokens, noLocation: false }), memo: new Map() };
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    if (/Document contains more th\w+ \d+ tokens/.test(error.message)) {
      return new EdgeRefusal(400, 'TOO_MANY_TOKENS', `The document has more than ${maxTokens} tokens; the limit is ${maxTokens}.`, { extensions: { limit: maxTokens } });
    }
    return new EdgeRefusal(400, 'GRAPHQL_PARSE_FAILED', error.message);
  }
}
