import type { Verdict } from '@kp/contracts';
import { Reason, REASON_VERDICT, ReasonCode, VERDICT_PRECEDENCE, verdictOf } from './verdict';

/** API.md's table, written out independently of the code (plus HS_CODE_VALUE_CONTRADICTION, an addition). */
const EXPECTED: Record<Verdict, ReasonCode[]> = {
  UNKNOWN: ['NOT_FOUND'],
  VOID: ['VOIDED', 'REPORTED_LOST', 'REPORTED_STOLEN'],
  EMBARGOED: ['ORIGIN_EMBARGOED', 'EXPORTER_EMBARGOED', 'EXPORTER_SUSPENDED', 'IMPORTER_SUSPENDED'],
  FLAGGED: [
    'ALREADY_IMPORTED',
    'VALUE_PER_CARAT_OUTLIER',
    'SIGNATURE_INVALID',
    'DATA_MISMATCH',
    'SEAL_BROKEN',
    'WEIGHT_MISMATCH',
    'PARCELS_MISMATCH',
    'HELD_AT_BORDER',
    'NUMBER_PREFIX_MISMATCH',
    'HS_CODE_VALUE_CONTRADICTION',
  ],
  EXPIRED: ['EXPIRED'],
  VALID: [],
};

const CASES = (Object.entries(EXPECTED) as [Verdict, ReasonCode[]][]).flatMap(([verdict, codes]) =>
  codes.map((code) => [code, verdict] as const),
);

const reason = (code: ReasonCode): Reason => ({ code, message: `finding ${code}` });
const reasons = (...codes: ReasonCode[]): Reason[] => codes.map(reason);

describe('verdicts', () => {
  it('knows exactly the documented reason codes', () => {
    expect(Object.keys(REASON_VERDICT).sort()).toEqual(CASES.map(([code]) => code).sort());
    expect(CASES).toHaveLength(19);
  });

  it.each(CASES)('%s alone gives %s', (code, verdict) => {
    expect(REASON_VERDICT[code]).toBe(verdict);
    expect(verdictOf([reason(code)])).toBe(verdict);
  });

  it('gives VALID when nothing was found', () => {
    expect(verdictOf([])).toBe('VALID');
  });

  it('ranks UNKNOWN > VOID > EMBARGOED > FLAGGED > EXPIRED > VALID', () => {
    expect(VERDICT_PRECEDENCE).toEqual(['UNKNOWN', 'VOID', 'EMBARGOED', 'FLAGGED', 'EXPIRED', 'VALID']);
  });

  it.each<[ReasonCode[], Verdict]>([
    [['EXPIRED', 'NOT_FOUND'], 'UNKNOWN'],
    [['VOIDED', 'NOT_FOUND'], 'UNKNOWN'],
    [['EXPIRED', 'REPORTED_STOLEN'], 'VOID'],
    [['ORIGIN_EMBARGOED', 'REPORTED_LOST'], 'VOID'],
    [['SIGNATURE_INVALID', 'VOIDED', 'EXPIRED'], 'VOID'],
    [['EXPIRED', 'IMPORTER_SUSPENDED'], 'EMBARGOED'],
    [['WEIGHT_MISMATCH', 'ORIGIN_EMBARGOED'], 'EMBARGOED'],
    [['ALREADY_IMPORTED', 'EXPORTER_SUSPENDED', 'EXPIRED'], 'EMBARGOED'],
    [['EXPIRED', 'SEAL_BROKEN'], 'FLAGGED'],
    [['NUMBER_PREFIX_MISMATCH', 'EXPIRED'], 'FLAGGED'],
    [['VALUE_PER_CARAT_OUTLIER', 'DATA_MISMATCH', 'PARCELS_MISMATCH'], 'FLAGGED'],
    [['EXPIRED', 'EXPIRED'], 'EXPIRED'],
    [['EXPIRED', 'HELD_AT_BORDER', 'EXPORTER_EMBARGOED', 'REPORTED_LOST', 'NOT_FOUND'], 'UNKNOWN'],
  ])('%j gives %s', (codes, verdict) => {
    expect(verdictOf(reasons(...codes))).toBe(verdict);
    expect(verdictOf(reasons(...codes).reverse())).toBe(verdict);
  });

  it('lets the strongest finding win for every pair of codes, in either order', () => {
    const rank = (code: ReasonCode) => VERDICT_PRECEDENCE.indexOf(REASON_VERDICT[code]);
    for (const [a] of CASES) {
      for (const [b] of CASES) {
        const stronger = rank(a) <= rank(b) ? a : b;
        expect(verdictOf(reasons(a, b))).toBe(REASON_VERDICT[stronger]);
      }
    }
  });
});

describe('verdictOf with a reason code this version does not know', () => {
  it('flags the certificate rather than answering nothing', () => {
    expect(verdictOf([{ code: 'SOMETHING_NEW' as ReasonCode, message: 'from a newer ruleset' }])).toBe('FLAGGED');
    expect(verdictOf([{ code: 'SOMETHING_NEW' as ReasonCode, message: '' }, { code: 'VOIDED', message: '' }])).toBe('VOID');
  });
});
