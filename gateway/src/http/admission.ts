import { EdgeRefusal } from '../edge.ts';

export interface AdmissionOptions {
  /** Operations executing at once in this process; the rest wait their turn. */
  readonly maxInFlight: number;
  /** Operations waiting at once; one more is refused at once. */
  readonly maxQueued: number;
  /** How long an operation may wait for its turn before it is refused. */
  readonly maxWaitMs: number;
  /**
   * How long an operation counts against the limit. An operation still executing after
   * this is waiting on a slow subgraph, not working the CPU or building results: it
   * goes on without its slot, so a slow subgraph cannot stall every other operation.
   */
  readonly maxHoldMs: number;
}

/**
 * Measured on the federation benchmark (BENCHMARKS.md, gateway, memory): the default
 * in-flight limit per process, the queue's bound and the longest wait.
 */
export const defaultAdmission: AdmissionOptions = { maxInFlight: 8, maxQueued: 1000, maxWaitMs: 10_000, maxHoldMs: 250 };

/** A slot to execute in: `release` when the answer is sent (later calls do nothing; the slot frees itself after `maxHoldMs`). */
export type Release = () => void;

export interface Admission {
  /**
   * Resolves with a slot when one is free, in arrival order; rejects with a 503
   * `OVERLOADED` refusal when the queue is full or the wait runs out. `abandoned` is
   * called only when the operation has to wait (one admitted at once costs no listener);
   * its promise resolving (the client went away) takes the waiter out of the queue.
   */
  enter(abandoned?: () => Promise<unknown>): Promise<Release>;
  readonly executing: number;
  readonly waiting: number;
}

interface Waiter {
  grant(release: Release): void;
  /** Granted, timed out or abandoned: no longer waiting. */
  gone: boolean;
}

/**
 * In-flight operation limit at the edge (admission control). The gateway's memory at
 * peak is what its executing operations hold (each federated operation builds and
 * discards a few MB of result objects); bounding how many execute at once bounds that,
 * and a FIFO queue before parsing keeps latency fair instead of letting every arrival
 * slow all the others down. Measured in BENCHMARKS.md (gateway, memory).
 */
export function createAdmission(options: AdmissionOptions): Admission {
  if (!(options.maxInFlight >= 1)) throw new Error('maxInFlight must be at least 1');
  if (!(options.maxHoldMs >= 1)) throw new Error('maxHoldMs must be at least 1');
  let executing = 0;
  let waiting = 0;
  // A FIFO as an array with a moving head: O(1) at both ends, compacted as it drains.
  let queue: Array<Waiter | undefined> = [];
  let head = 0;

  const slot = (): Release => {
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      clearTimeout(lease);
      executing -= 1;
      handOn();
    };
    const lease = setTimeout(release, options.maxHoldMs);
    lease.unref();
    return release;
  };

  const handOn = () => {
    while (executing < options.maxInFlight && head < queue.length) {
      const next = queue[head];
      queue[head] = undefined; // the waiter's closures are not kept alive by the queue
      head += 1;
      if (!next || next.gone) continue;
      waiting -= 1;
      next.gone = true;
      executing += 1;
      next.grant(slot());
    }
    if (head > 1024 && head * 2 > queue.length) {
      queue = queue.slice(head);
      head = 0;
    }
  };

  return {
    get executing() {
      return executing;
    },
    get waiting() {
      return waiting;
    },
    enter(abandoned) {
      if (executing < options.maxInFlight && waiting === 0) {
        executing += 1;
        return Promise.resolve(slot());
      }
      if (waiting >= options.maxQueued) return Promise.reject(overloaded('The gateway is at capacity; retry shortly.'));
      return new Promise<Release>((resolve, reject) => {
        const leave = () => {
          if (waiter.gone) return false;
          waiter.gone = true;
          waiting -= 1;
          clearTimeout(timer);
          return true;
        };
        const waiter: Waiter = {
          gone: false,
          grant: (release) => {
            clearTimeout(timer);
            resolve(release);
          },
        };
        const timer = setTimeout(() => {
          if (leave()) reject(overloaded(`The gateway could not start this operation within ${options.maxWaitMs} ms; retry shortly.`));
        }, options.maxWaitMs);
        abandoned?.().then(() => {
          if (leave()) reject(overloaded('The client went away while the operation waited.'));
        }, () => {});
        waiting += 1;
        queue.push(waiter);
      });
    },
  };
}

function overloaded(message: string): EdgeRefusal {
  return new EdgeRefusal(503, 'OVERLOADED', message, { extensions: { retryAfterSeconds: 1 }, headers: { 'retry-after': '1' } });
}
