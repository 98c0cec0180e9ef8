import { collectGarbageNow } from './collect-garbage';

describe('collectGarbageNow', () => {
  it('frees what is no longer reachable at once, without putting gc on the global object', () => {
    const hadGc = typeof (globalThis as { gc?: unknown }).gc;
    let load: { i: number; text: string }[] | null = Array.from({ length: 400_000 }, (_, i) => ({ i, text: `row ${i}` }));
    collectGarbageNow(); // the load, reachable, stays; earlier garbage goes
    const loaded = process.memoryUsage().heapUsed;
    expect(load.length).toBe(400_000);
    load = null;
    collectGarbageNow();
    // 400,000 small objects and their strings: some 25 MB
    expect(loaded - process.memoryUsage().heapUsed).toBeGreaterThan(15 * 2 ** 20);
    expect(typeof (globalThis as { gc?: unknown }).gc).toBe(hadGc);
  });
});
