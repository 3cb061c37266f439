import { readFile } from 'node:fs/promises';
import { unwatchFile, watchFile } from 'node:fs';
import type { Logger } from '@jobgraph/kit';

export interface HotReloadOptions {
  /** The supergraph file to watch. */
  readonly path: string;
  /** Served until the file changes. */
  readonly initialSdl: string;
  /** How often the file's mtime is checked. */
  readonly intervalMs?: number;
  readonly logger: Logger;
  readonly observer?: { reloaded(outcome: 'ok' | 'failed'): void };
  /** Applied to the file's text before it is served (and to `initialSdl`'s caller's copy by the caller). */
  readonly prepare?: (supergraphSdl: string) => string;
}

type SupergraphHook = (hooks: { update: (supergraphSdl: string) => void; healthCheck: (supergraphSdl: string) => Promise<void> }) => Promise<{ supergraphSdl: string; cleanup: () => Promise<void> }>;

/**
 * A supergraph that reloads from its file without a restart. A file that fails to load
 * (unreadable, not a supergraph, does not compose) leaves the last good schema serving
 * and is logged at `error`.
 */
export function hotReloadedSupergraph(options: HotReloadOptions): SupergraphHook {
  return async ({ update }) => {
    let last = options.initialSdl;
    const onChange = () => {
      void (async () => {
        let sdl: string;
        try {
          sdl = await readFile(options.path, 'utf8');
        } catch (error) {
          options.logger.error({ err: error, path: options.path }, 'supergraph reload failed; keeping the last good schema');
          options.observer?.reloaded('failed');
          return;
        }
        if (sdl === last) return;
        try {
          update(options.prepare ? options.prepare(sdl) : sdl);
          last = sdl;
          options.logger.info({ path: options.path }, 'supergraph reloaded');
          options.observer?.reloaded('ok');
        } catch (error) {
          options.logger.error({ err: error, path: options.path }, 'supergraph reload failed; keeping the last good schema');
          options.observer?.reloaded('failed');
        }
      })();
    };
    watchFile(options.path, { interval: options.intervalMs ?? 500 }, onChange);
    return { supergraphSdl: options.initialSdl, cleanup: async () => unwatchFile(options.path, onChange) };
  };
}
