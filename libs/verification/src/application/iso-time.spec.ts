import { isoString } from './iso-time';

describe('isoString', () => {
  it('writes what Date#toISOString writes, across leap years, month ends and the epoch', () => {
    const instants = [
      0,
      -1,
      Date.UTC(2000, 1, 29, 23, 59, 59, 999),
      Date.UTC(1900, 1, 28, 12),
      Date.UTC(2024, 11, 31, 23, 59, 59, 1),
      Date.UTC(2026, 10, 28, 17, 33, 14, 42),
      Date.UTC(9999, 11, 31, 23, 59, 59, 999),
      Date.UTC(1, 0, 1),
    ];
    // and a spread of instants over four centuries
    for (let i = 0; i < 20_000; i++) instants.push(Math.floor(-2e12 + i * 2.1e8 + (i % 997) * 7919));
    for (const ms of instants) expect([ms, isoString(ms)]).toEqual([ms, new Date(ms).toISOString()]);
  });

  it('hands years outside 0-9999 to Date, which writes them with a sign', () => {
    const ms = Date.UTC(10000, 0, 1);
    expect(isoString(ms)).toBe('+010000-01-01T00:00:00.000Z');
  });
});
