/**
 * kafkajs 2.2.4 (the latest) re-arms a timer on every broker connection after every check
 * of its request queue, whether a request waits or not: with nothing throttled the delay
 * is negative, so each connection runs a 1 ms timer loop for as long as it is open
 * (tulios/kafkajs#1556 and #1704, still open). An idle service burnt about 5 % of a core
 * on it, five idle services a quarter of the cores the verification process shares.
 *
 * The check is needed only while requests wait: one that cannot be sent at once is queued
 * by `push`, which schedules the check itself, and a fulfilled or timed-out request checks
 * again. So the loop stops when the queue is empty, as upstream's proposed fix does
 * (tulios/kafkajs#1667). Applied once, by the first Kafka bus made in the process.
 */
interface RequestQueueInternals {
  pending: unknown[];
  scheduleCheckPendingRequests(): void;
}

const FIXED = Symbol.for('kp.kafkajs.idle-timers-fixed');

export function stopIdleRequestQueueTimers(): void {
  // kafkajs's own module, not part of its typed API: the only way to reach the queue.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const proto = (require('kafkajs/src/network/requestQueue') as { prototype: RequestQueueInternals & { [FIXED]?: true } }).prototype;
  if (proto[FIXED]) return;
  const schedule = proto.scheduleCheckPendingRequests;
  proto.scheduleCheckPendingRequests = function scheduleWhileRequestsWait(this: RequestQueueInternals) {
    if (this.pending.length > 0) schedule.call(this);
  };
  proto[FIXED] = true;
}
