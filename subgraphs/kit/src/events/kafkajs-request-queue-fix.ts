import { createRequire } from 'node:module';

interface RequestQueue {
  pending: unknown[];
  throttledUntil: number;
  scheduleCheckPendingRequests(): void;
}

let applied = false;

/**
 * Works around a kafkajs 2.2.4 bug (tulios/kafkajs#1751 and #1704, unfixed upstream,
 * fix proposed in tulios/kafkajs#1768): after its first response, every broker
 * connection re-arms a `setTimeout(check, throttledUntil - now)` with a hugely negative
 * delay (`throttledUntil` starts at -1) whether or not anything waits, so each
 * connection runs a check every millisecond for as long as it lives, and Node 24 prints
 * a `TimeoutNegativeWarning` at the first one. A connection with nothing pending and no
 * throttle has nothing to check: a new request is sent at once or schedules its own
 * check when it is queued, and every response checks the queue. Only that case changes.
 */
export function fixKafkajsRequestQueue(): void {
  if (applied) return;
  applied = true;
  const require = createRequire(import.meta.url);
  const RequestQueue = require('kafkajs/src/network/requestQueue/index.js') as { prototype: RequestQueue };
  const schedule = RequestQueue.prototype.scheduleCheckPendingRequests;
  RequestQueue.prototype.scheduleCheckPendingRequests = function (this: RequestQueue) {
    if (this.pending.length === 0 && this.throttledUntil <= Date.now()) return;
    schedule.call(this);
  };
}
