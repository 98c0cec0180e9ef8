import { stopIdleRequestQueueTimers } from './kafkajs-idle-timers';

// kafkajs's own request queue, as each broker connection holds one.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const RequestQueue = require('kafkajs/src/network/requestQueue');

const logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function queue() {
  const q = new RequestQueue({ maxInFlightRequests: 1, requestTimeout: 30_000, enforceRequestTimeout: false, clientId: 'kp-test', broker: 'test:9092', logger });
  let checks = 0;
  const check = q.checkPendingRequests.bind(q);
  q.checkPendingRequests = () => {
    checks += 1;
    check();
  };
  return { q, checks: () => checks };
}

describe('kafkajs request queue timers', () => {
  beforeAll(() => stopIdleRequestQueueTimers());

  it('an idle connection checks its empty queue once, not every millisecond', async () => {
    const { q, checks } = queue();
    q.checkPendingRequests(); // what a fulfilled request does
    await sleep(100);
    q.destroy();
    expect(checks()).toBe(1);
  });

  it('a request held back by broker throttling is still sent when the throttle ends', async () => {
    const { q, checks } = queue();
    let sent = 0;
    q.maybeThrottle(30); // the broker asked for 30 ms of quiet
    q.push({ entry: { correlationId: 1, resolve: () => undefined, reject: () => undefined }, expectResponse: false, sendRequest: () => (sent += 1) });
    expect(sent).toBe(0);
    await sleep(80);
    q.destroy();
    expect(sent).toBe(1);
    expect(checks()).toBeLessThan(10);
  });

  it('is applied once, however many buses start', () => {
    const before = RequestQueue.prototype.scheduleCheckPendingRequests;
    stopIdleRequestQueueTimers();
    expect(RequestQueue.prototype.scheduleCheckPendingRequests).toBe(before);
  });
});
