import type { ServerResponse } from 'node:http';
import { sendJson } from '@jobgraph/kit/http';

export interface ReadinessOptions {
  /** Each subgraph's GraphQL URL; its `/health` next to it is probed. */
  readonly subgraphUrls: Readonly<Record<string, string>>;
  /** Whether a supergraph schema is loaded and serving. */
  readonly schemaLoaded: () => boolean;
  readonly probeTimeoutMs?: number;
  /** A verdict is reused this long, so a probe storm costs the subgraphs nothing. */
  readonly cacheMs?: number;
}

export interface Readiness {
  /** `/healthz`: the process answers. */
  alive(response: ServerResponse): void;
  /** `/readyz`: 200 when the supergraph is loaded and every subgraph answers its `/health`, else 503 naming what is not. */
  ready(response: ServerResponse): Promise<void>;
}

export function readiness(options: ReadinessOptions): Readiness {
  const cacheMs = options.cacheMs ?? 1000;
  let last: { at: number; status: number; body: Record<string, unknown> } | null = null;
  const probe = async (url: string) => {
    try {
      const response = await fetch(new URL('/health', url), { signal: AbortSignal.timeout(options.probeTimeoutMs ?? 2000) });
      await response.body?.cancel();
      return response.ok;
    } catch {
      return false;
    }
  };
  return {
    alive(response) {
      sendJson(response, 200, { status: 'ok', service: 'gateway' });
    },
    async ready(response) {
      if (!last || Date.now() - last.at > cacheMs) {
        const names = Object.keys(options.subgraphUrls);
        const reachable = await Promise.all(names.map((name) => probe(options.subgraphUrls[name] as string)));
        const subgraphs = Object.fromEntries(names.map((name, i) => [name, reachable[i] ? 'reachable' : 'unreachable']));
        const schema = options.schemaLoaded();
        const ok = schema && reachable.every(Boolean);
        last = { at: Date.now(), status: ok ? 200 : 503, body: { status: ok ? 'ready' : 'unavailable', supergraph: schema ? 'loaded' : 'missing', subgraphs } };
      }
      sendJson(response, last.status, last.body, { 'cache-control': 'no-store' });
    },
  };
}
