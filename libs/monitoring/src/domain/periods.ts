/** A calendar quarter in UTC, the period KP trade statistics are kept by. */
export interface Quarter {
  year: number;
  quarter: number;
}

export function quarterOf(at: Date): Quarter {
  return { year: at.getUTCFullYear(), quarter: Math.floor(at.getUTCMonth() / 3) + 1 };
}

/** The half-open UTC interval [from, to) of a year, or of one of its quarters. */
export function periodRange(year: number, quarter?: number | null): { from: Date; to: Date } {
  if (quarter === undefined || quarter === null) {
    return { from: new Date(Date.UTC(year, 0, 1)), to: new Date(Date.UTC(year + 1, 0, 1)) };
  }
  if (!Number.isInteger(quarter) || quarter < 1 || quarter > 4) throw new RangeError(`quarter ${quarter} is not 1 to 4`);
  return { from: new Date(Date.UTC(year, (quarter - 1) * 3, 1)), to: new Date(Date.UTC(year, quarter * 3, 1)) };
}

/** Orders by year then quarter. */
export const byPeriod = (a: Quarter, b: Quarter) => a.year - b.year || a.quarter - b.quarter;
