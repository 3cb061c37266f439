import cluster, { type Worker } from 'node:cluster';

export interface Served {
  readonly url: string;
  stop(): Promise<void>;
}

export interface ClusteredGateway extends Served {
  /** Worker processes serving (0 when the gateway runs in this process). */
  readonly workers: number;
}

/**
 * Serves the gateway on `workers` processes sharing one listening socket (node:cluster):
 * each worker runs `start()`, the primary only forks, restarts a worker that dies, and
 * stops them all. With one worker, or inside a worker, `start()` runs in this process.
 * A worker listening on port 0 gets the same port as its siblings.
 */
export async function serveClustered(workers: number, start: () => Promise<Served>): Promise<ClusteredGateway> {
  if (workers <= 1 || cluster.isWorker) {
    const served = await start();
    if (cluster.isWorker) process.send?.({ kind: 'gateway-listening', url: served.url });
    return { ...served, stop: () => served.stop(), workers: 0 };
  }
  let stopping = false;
  const fork = () =>
    new Promise<{ worker: Worker; url: string }>((resolve, reject) => {
      const worker = cluster.fork();
      const onExit = (code: number | null) => reject(new Error(`gateway worker exited (${code}) before listening`));
      worker.once('exit', onExit);
      worker.on('message', (message: { kind?: string; url?: string }) => {
        if (message.kind !== 'gateway-listening' || !message.url) return;
        worker.off('exit', onExit);
        resolve({ worker, url: message.url });
      });
    });
  const started = await Promise.all(Array.from({ length: workers }, fork));
  cluster.on('exit', () => {
    if (!stopping) fork().catch(() => undefined);
  });
  return {
    url: started[0]!.url,
    workers,
    async stop() {
      stopping = true;
      await Promise.all(
        Object.values(cluster.workers ?? {}).map(
          (worker) =>
            new Promise<void>((resolve) => {
              if (!worker || worker.isDead()) return resolve();
              worker.once('exit', () => resolve());
              worker.process.kill('SIGTERM');
            }),
        ),
      );
    },
  };
}
