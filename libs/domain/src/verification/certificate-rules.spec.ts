import { CertificateFacts, CertificateStatus, certificateStateFindings, judge } from './certificate-rules';

const EXPIRES = new Date('2026-04-30T10:00:00.000Z');
const BEFORE = new Date('2026-04-01T00:00:00.000Z');

function facts(overrides: Partial<CertificateFacts> = {}): CertificateFacts {
  return {
    certificateNumber: 'BW-2026-000042',
    status: 'ISSUED',
    exportingParticipant: 'BW',
    expiresAt: EXPIRES,
    ...overrides,
  };
}

const codes = (f: CertificateFacts | null, at: Date) => certificateStateFindings(f, at).map((r) => r.code);

describe('certificateStateFindings', () => {
  it('finds NOT_FOUND for an unknown certificate, and the verdict is UNKNOWN', () => {
    const reasons = certificateStateFindings(null, BEFORE);
    expect(reasons.map((r) => r.code)).toEqual(['NOT_FOUND']);
    expect(reasons[0].message).toEqual(expect.any(String));
    expect(judge(reasons).verdict).toBe('UNKNOWN');
  });

  it('finds nothing for an issued, correctly numbered certificate in date', () => {
    expect(certificateStateFindings(facts(), BEFORE)).toEqual([]);
    expect(judge(certificateStateFindings(facts(), BEFORE))).toEqual({ verdict: 'VALID', reasons: [] });
  });

  it.each<[CertificateStatus, string[], string]>([
    ['ISSUED', [], 'VALID'],
    ['IMPORT_CONFIRMED', ['ALREADY_IMPORTED'], 'FLAGGED'],
    ['VOIDED', ['VOIDED'], 'VOID'],
    ['REPORTED_LOST', ['REPORTED_LOST'], 'VOID'],
    ['REPORTED_STOLEN', ['REPORTED_STOLEN'], 'VOID'],
  ])('status %s finds %j and gives %s', (status, expected, verdict) => {
    const reasons = certificateStateFindings(facts({ status }), BEFORE);
    expect(reasons.map((r) => r.code)).toEqual(expected);
    expect(judge(reasons).verdict).toBe(verdict);
  });

  it('is not expired at the very instant it expires', () => {
    expect(codes(facts(), new Date(EXPIRES.getTime()))).toEqual([]);
  });

  it('is expired one millisecond after it expires, and says when', () => {
    const reasons = certificateStateFindings(facts(), new Date(EXPIRES.getTime() + 1));
    expect(reasons.map((r) => r.code)).toEqual(['EXPIRED']);
    expect(reasons[0].message).toContain('2026-04-30T10:00:00.000Z');
    expect(judge(reasons).verdict).toBe('EXPIRED');
  });

  it('finds a number that does not carry its issuer code (BW number issued by AE)', () => {
    const reasons = certificateStateFindings(facts({ exportingParticipant: 'AE' }), BEFORE);
    expect(reasons.map((r) => r.code)).toEqual(['NUMBER_PREFIX_MISMATCH']);
    expect(reasons[0].message).toContain('AE');
    expect(judge(reasons).verdict).toBe('FLAGGED');
  });

  it('finds a malformed number as a prefix mismatch', () => {
    expect(codes(facts({ certificateNumber: 'bw-2026-000042' }), BEFORE)).toEqual(['NUMBER_PREFIX_MISMATCH']);
    expect(codes(facts({ certificateNumber: 'garbage' }), BEFORE)).toEqual(['NUMBER_PREFIX_MISMATCH']);
  });

  it('reports every finding together, and the strongest decides', () => {
    const reasons = certificateStateFindings(
      facts({ status: 'REPORTED_STOLEN', exportingParticipant: 'AE' }),
      new Date(EXPIRES.getTime() + 86_400_000),
    );
    expect(reasons.map((r) => r.code)).toEqual(['REPORTED_STOLEN', 'NUMBER_PREFIX_MISMATCH', 'EXPIRED']);
    expect(judge(reasons).verdict).toBe('VOID');
  });

  it('an imported certificate past its expiry is FLAGGED rather than EXPIRED', () => {
    const reasons = certificateStateFindings(facts({ status: 'IMPORT_CONFIRMED' }), new Date('2026-06-01T00:00:00Z'));
    expect(reasons.map((r) => r.code)).toEqual(['ALREADY_IMPORTED', 'EXPIRED']);
    expect(judge(reasons).verdict).toBe('FLAGGED');
  });
});
