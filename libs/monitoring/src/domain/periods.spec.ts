import { periodRange, quarterOf } from './periods';

describe('quarters (UTC)', () => {
  it.each([
    ['2026-01-01T00:00:00.000Z', 2026, 1],
    ['2026-03-31T23:59:59.999Z', 2026, 1],
    ['2026-04-01T00:00:00.000Z', 2026, 2],
    ['2026-09-30T12:00:00.000Z', 2026, 3],
    ['2026-12-31T23:59:59.999Z', 2026, 4],
  ])('%s is %i Q%i', (at, year, quarter) => {
    expect(quarterOf(new Date(at))).toEqual({ year, quarter });
  });

  it('a year and a quarter are half-open intervals', () => {
    expect(periodRange(2026)).toEqual({ from: new Date('2026-01-01T00:00:00Z'), to: new Date('2027-01-01T00:00:00Z') });
    expect(periodRange(2026, 4)).toEqual({ from: new Date('2026-10-01T00:00:00Z'), to: new Date('2027-01-01T00:00:00Z') });
    expect(periodRange(2026, 2)).toEqual({ from: new Date('2026-04-01T00:00:00Z'), to: new Date('2026-07-01T00:00:00Z') });
    expect(() => periodRange(2026, 5)).toThrow(RangeError);
  });
});
