import { inForce, issuanceRefusals, Measure, measureFindings, participantsConcerned, TradeFacts } from './measure-rules';

const measure = (overrides: Partial<Measure>): Measure => ({
  id: 'm1',
  participant: 'CF',
  kind: 'EMBARGO',
  scope: 'ALL',
  allowedZones: [],
  effectiveFrom: new Date('2020-01-01T00:00:00Z'),
  effectiveTo: new Date('2021-01-01T00:00:00Z'),
  legalBasis: 'AD 2020',
  ...overrides,
});
const trade = (overrides: Partial<TradeFacts> = {}): TradeFacts => ({
  exportingParticipant: 'BW',
  importingParticipant: 'AE',
  origin: { countries: ['BW'] },
  ...overrides,
});
const at = (iso: string) => [{ at: new Date(iso), label: 'then' }];
const codes = (facts: TradeFacts, measures: Measure[], moments = at('2020-06-01T00:00:00Z')) =>
  measureFindings(facts, measures, moments).map((f) => f.code);

describe('measures in force', () => {
  it('starts at effectiveFrom (inclusive) and ends at effectiveTo (exclusive); an open measure never ends', () => {
    const m = measure({});
    expect(inForce(m, new Date('2019-12-31T23:59:59.999Z'))).toBe(false);
    expect(inForce(m, new Date('2020-01-01T00:00:00Z'))).toBe(true);
    expect(inForce(m, new Date('2020-12-31T23:59:59.999Z'))).toBe(true);
    expect(inForce(m, new Date('2021-01-01T00:00:00Z'))).toBe(false);
    expect(inForce(measure({ effectiveTo: null }), new Date('2099-01-01T00:00:00Z'))).toBe(true);
  });
});

describe('measureFindings', () => {
  it('embargoes goods of an embargoed origin, in a mixed parcel too, and cites the legal basis', () => {
    const findings = measureFindings(trade({ origin: { countries: ['BW', 'CF'] } }), [measure({})], at('2020-06-01T00:00:00Z'));
    expect(findings).toEqual([expect.objectContaining({ code: 'ORIGIN_EMBARGOED', legalBasis: 'AD 2020', measureId: 'm1' })]);
  });

  it('finds nothing outside the period, or for another participant', () => {
    expect(codes(trade({ origin: { countries: ['CF'] } }), [measure({})], at('2021-06-01T00:00:00Z'))).toEqual([]);
    expect(codes(trade(), [measure({})])).toEqual([]);
  });

  it('tells an embargoed exporter from a suspended one, and a suspended importer', () => {
    expect(codes(trade({ exportingParticipant: 'CF' }), [measure({})])).toEqual(['EXPORTER_EMBARGOED']);
    expect(codes(trade({ exportingParticipant: 'CF' }), [measure({ kind: 'SUSPENSION' })])).toEqual(['EXPORTER_SUSPENDED']);
    expect(codes(trade({ importingParticipant: 'CF' }), [measure({ kind: 'SUSPENSION' })])).toEqual(['IMPORTER_SUSPENDED']);
    // An embargo covers goods and certificates of the participant, not its imports.
    expect(codes(trade({ importingParticipant: 'CF' }), [measure({})])).toEqual([]);
  });

  it('lets goods through a ZONES measure only when every named zone is allowed (case aside)', () => {
    const zones = measure({ scope: 'ZONES', allowedZones: ['Berberati', 'Carnot'] });
    expect(codes(trade({ origin: { countries: ['CF'], zones: ['berberati'] } }), [zones])).toEqual([]);
    expect(codes(trade({ origin: { countries: ['CF'], zones: ['Berberati', 'Bria'] } }), [zones])).toEqual(['ORIGIN_EMBARGOED']);
    expect(codes(trade({ origin: { countries: ['CF'] } }), [zones])).toEqual(['ORIGIN_EMBARGOED']);
  });

  it('judges every moment given (the moment asked and the issue date), one finding per measure', () => {
    const moments = [
      { at: new Date('2022-01-01T00:00:00Z'), label: 'now' },
      { at: new Date('2020-06-01T00:00:00Z'), label: 'on the issue date' },
    ];
    const findings = measureFindings(trade({ origin: { countries: ['CF'] } }), [measure({})], moments);
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain('on the issue date');
    const twice = measureFindings(trade({ origin: { countries: ['CF'] } }), [measure({ effectiveTo: null })], moments);
    expect(twice).toHaveLength(1);
  });

  it('names every participant whose measures bear on a trade, once', () => {
    expect(participantsConcerned(trade({ exportingParticipant: 'CF', origin: { countries: ['CF', 'CD'] } }))).toEqual(['CF', 'AE', 'CD']);
  });
});

describe('issuanceRefusals', () => {
  it('also refuses exporting to an embargoed importer, which the border does not flag', () => {
    const refusals = issuanceRefusals(trade({ importingParticipant: 'CF' }), [measure({})], new Date('2020-06-01T00:00:00Z'));
    expect(refusals).toEqual([expect.objectContaining({ code: 'IMPORTER_EMBARGOED', legalBasis: 'AD 2020' })]);
    expect(issuanceRefusals(trade({ importingParticipant: 'CF' }), [measure({})], new Date('2022-06-01T00:00:00Z'))).toEqual([]);
  });
});
