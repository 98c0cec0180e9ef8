import { baselineFor, DEFAULT_LOG_THRESHOLD, valuationFindings, WORLD_VALUE_PER_CARAT_2023 } from './value-per-carat';

const cert = (perCarat: number, countries: string[], hsCode = '7102.10', carats = 1000) => ({
  carats,
  valueUsd: perCarat * carats,
  hsCode,
  origin: { countries },
});
const codes = (c: ReturnType<typeof cert>) => valuationFindings(c).map((f) => f.code);

describe('value per carat', () => {
  it('uses each producer’s 2023 average, and the world average for others', () => {
    expect(baselineFor('NA')).toBe(517.4);
    expect(baselineFor('CD')).toBe(7.8);
    expect(baselineFor('AE')).toBe(WORLD_VALUE_PER_CARAT_2023);
  });

  it('flags a value more than ten times from the baseline, either way, and not at the boundary', () => {
    const limit = Math.exp(DEFAULT_LOG_THRESHOLD); // 10
    expect(codes(cert(130.8 * limit * 0.999, ['BW']))).toEqual([]);
    expect(codes(cert(130.8 * limit * 1.01, ['BW']))).toEqual(['VALUE_PER_CARAT_OUTLIER']);
    expect(codes(cert((130.8 / limit) * 1.01, ['BW']))).toEqual([]);
    expect(codes(cert((130.8 / limit) * 0.99, ['BW']))).toEqual(['VALUE_PER_CARAT_OUTLIER']);
  });

  it('judges on the origin: $60/ct is normal for DR Congo, $1,000/ct is not; Namibian marine goods pass at $1,000/ct', () => {
    expect(codes(cert(60, ['CD'], '7102.21'))).toEqual([]);
    const finding = valuationFindings(cert(1000, ['CD'], '7102.31'));
    expect(finding.map((f) => f.code)).toEqual(['VALUE_PER_CARAT_OUTLIER']);
    expect(finding[0].message).toContain('above');
    expect(codes(cert(1000, ['NA'], '7102.31'))).toEqual([]);
  });

  it('judges a mixed origin against its countries: plausible for one of them passes', () => {
    expect(codes(cert(1000, ['CD', 'NA'], '7102.31'))).toEqual([]);
    expect(codes(cert(0.5, ['BW', 'NA']))).toEqual(['VALUE_PER_CARAT_OUTLIER']);
  });

  it('flags industrial goods at gem prices and gem goods at industrial prices', () => {
    expect(codes(cert(400, ['NA'], '7102.21'))).toEqual(['HS_CODE_VALUE_CONTRADICTION']);
    expect(codes(cert(100, ['NA'], '7102.21'))).toEqual([]);
    expect(codes(cert(8, ['CD'], '7102.31'))).toEqual(['HS_CODE_VALUE_CONTRADICTION']);
    expect(codes(cert(8, ['CD'], '7102.10'))).toEqual([]);
  });
});
