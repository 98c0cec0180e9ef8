import { collectGarbage } from './collect-garbage';

describe('collectGarbage', () => {
  it('collects what nothing references any more, at once', async () => {
    let garbage: object | null = { rows: Array.from({ length: 1000 }, (_, i) => ({ i })) };
    const ref = new WeakRef(garbage);
    garbage = null;
    await new Promise((resolve) => setImmediate(resolve)); // a WeakRef holds its target until the job ends
    expect(collectGarbage()).toBeGreaterThan(0);
    expect(ref.deref()).toBeUndefined();
  });
});
