/** What trade statistics count: certificates, carats and US dollars. */
export interface Figures {
  certificates: number;
  carats: number;
  valueUsd: number;
}

/** Carats and dollars carry two decimals; sums are kept on that grid so no float dust shows. */
export const round2 = (n: number) => Math.round(n * 100) / 100;

export const noFigures = (): Figures => ({ certificates: 0, carats: 0, valueUsd: 0 });

export function addFigures(a: Figures, b: Figures): Figures {
  return { certificates: a.certificates + b.certificates, carats: round2(a.carats + b.carats), valueUsd: round2(a.valueUsd + b.valueUsd) };
}

export function subtractFigures(a: Figures, b: Figures): Figures {
  return { certificates: a.certificates - b.certificates, carats: round2(a.carats - b.carats), valueUsd: round2(a.valueUsd - b.valueUsd) };
}

/** One certificate's contribution. */
export const figuresOf = (c: { carats: number; valueUsd: number }): Figures => ({ certificates: 1, carats: c.carats, valueUsd: c.valueUsd });

export const sumFigures = (items: Figures[]) => items.reduce(addFigures, noFigures());
