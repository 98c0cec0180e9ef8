/**
 * Value-per-carat baselines: US dollars per carat of each producer's output, from the
 * KP production statistics for 2023 (republished by naturaldiamonds.com; see DOMAIN.md
 * §5.1). Producers without a figure of their own are judged against the world average.
 */
export const PRODUCTION_VALUE_PER_CARAT_2023: Readonly<Record<string, number>> = {
  RU: 96.6,
  BW: 130.8,
  CA: 97.0,
  AO: 157.1,
  NA: 517.4,
  ZA: 134.8,
  ZW: 61.7,
  LS: 294.5,
  SL: 194.3,
  TZ: 162.3,
  CD: 7.8,
};
export const WORLD_VALUE_PER_CARAT_2023 = 114.1;

/**
 * How far (on a natural-log scale) a declared value per carat may stray from its
 * origin's baseline before it is flagged: ln(10), a factor of ten either way, by
 * default. Production averages mix gem and industrial goods, so the band is wide.
 */
export const DEFAULT_LOG_THRESHOLD = Math.log(10);

/**
 * Where industrial (7102.21) and gem-quality (7102.31) prices part: industrial goods
 * above the first bound sell at gem prices, gem goods below the second at industrial
 * prices. US dollars per carat; configuration may move them.
 */
export const INDUSTRIAL_MAX_VALUE_PER_CARAT = 150;
export const GEM_MIN_VALUE_PER_CARAT = 10;

export interface ValuationSettings {
  logThreshold: number;
  industrialMax: number;
  gemMin: number;
}

export const DEFAULT_VALUATION: ValuationSettings = {
  logThreshold: DEFAULT_LOG_THRESHOLD,
  industrialMax: INDUSTRIAL_MAX_VALUE_PER_CARAT,
  gemMin: GEM_MIN_VALUE_PER_CARAT,
};

export function baselineFor(origin: string): number {
  return PRODUCTION_VALUE_PER_CARAT_2023[origin] ?? WORLD_VALUE_PER_CARAT_2023;
}

export interface ValuationFinding {
  code: 'VALUE_PER_CARAT_OUTLIER' | 'HS_CODE_VALUE_CONTRADICTION';
  message: string;
}

const usd = (n: number) => `$${n.toFixed(2)}/ct`;

/**
 * Over- and under-valuation (a laundering pattern): the declared value per carat far
 * from the baseline of every listed origin (a mixed origin passes when it is plausible
 * for one of its countries), and an HS code its price contradicts.
 */
export function valuationFindings(
  c: { carats: number; valueUsd: number; hsCode: string; origin: { countries: string[] } },
  settings: ValuationSettings = DEFAULT_VALUATION,
): ValuationFinding[] {
  if (!(c.carats > 0) || !(c.valueUsd > 0)) return [];
  const perCarat = c.valueUsd / c.carats;
  const findings: ValuationFinding[] = [];
  const distances = c.origin.countries.map((country) => ({
    country,
    baseline: baselineFor(country),
    distance: Math.log(perCarat / baselineFor(country)),
  }));
  const nearest = distances.reduce((a, b) => (Math.abs(b.distance) < Math.abs(a.distance) ? b : a));
  if (Math.abs(nearest.distance) > settings.logThreshold) {
    const factor = Math.exp(Math.abs(nearest.distance));
    findings.push({
      code: 'VALUE_PER_CARAT_OUTLIER',
      message:
        `The declared value, ${usd(perCarat)}, is ${factor.toFixed(1)} times ${nearest.distance > 0 ? 'above' : 'below'} ` +
        `the production average of ${nearest.country} (${usd(nearest.baseline)})` +
        `${distances.length > 1 ? ', the closest of the listed origins' : ''}: possible over- or under-valuation.`,
    });
  }
  if (c.hsCode === '7102.21' && perCarat > settings.industrialMax) {
    findings.push({
      code: 'HS_CODE_VALUE_CONTRADICTION',
      message: `Declared as industrial diamonds (7102.21) at ${usd(perCarat)}, a gem-quality price (over ${usd(settings.industrialMax)}).`,
    });
  }
  if (c.hsCode === '7102.31' && perCarat < settings.gemMin) {
    findings.push({
      code: 'HS_CODE_VALUE_CONTRADICTION',
      message: `Declared as gem-quality diamonds (7102.31) at ${usd(perCarat)}, an industrial price (under ${usd(settings.gemMin)}).`,
    });
  }
  return findings;
}
