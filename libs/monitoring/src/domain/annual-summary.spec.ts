import { annualSummary, annualSummaryCsv, IssuedFact } from './annual-summary';
import { stableUuid } from './stable-id';

const DAY = 24 * 3600 * 1000;
const generatedAt = new Date('2026-12-31T12:00:00Z');
const overdueSince = (expiresAt: Date) => new Date(expiresAt.getTime() + 30 * DAY);

const issued = (n: number, over: Partial<IssuedFact> = {}): IssuedFact => ({
  certificateNumber: `BW-2026-${String(n).padStart(6, '0')}`,
  partner: 'AE',
  hsCode: '7102.31',
  carats: 100,
  valueUsd: 10000,
  issuedAt: new Date('2026-02-10T10:00:00Z'),
  expiresAt: new Date('2026-05-10T10:00:00Z'),
  status: 'ISSUED',
  replacedBy: null,
  confirmedAt: null,
  ...over,
});

describe("a participant's annual summary", () => {
  const summary = annualSummary({
    participant: 'BW',
    participantName: 'Botswana',
    year: 2026,
    generatedAt,
    issued: [
      issued(1, { status: 'IMPORT_CONFIRMED', confirmedAt: new Date('2026-03-01T00:00:00Z') }),
      issued(2), // expired in May, never confirmed: unconfirmed
      issued(3, { status: 'VOIDED', replacedBy: 'BW-2026-000004' }),
      issued(4, { hsCode: '7102.10', partner: 'IN', carats: 50.5, valueUsd: 500.5, issuedAt: new Date('2026-11-01T00:00:00Z'), expiresAt: new Date('2027-01-31T00:00:00Z') }),
      issued(5, { status: 'REPORTED_STOLEN' }),
    ],
    imports: [{ certificateNumber: 'AE-2026-000001', partner: 'AE', hsCode: '7102.21', carats: 7, valueUsd: 70, confirmedAt: new Date('2026-07-04T00:00:00Z') }],
    inbound: [
      { certificateNumber: 'AE-2026-000001', partner: 'AE', expiresAt: new Date('2026-08-01T00:00:00Z'), status: 'IMPORT_CONFIRMED' },
      { certificateNumber: 'IN-2026-000009', partner: 'IN', expiresAt: new Date('2026-08-01T00:00:00Z'), status: 'ISSUED' },
    ],
    flags: [
      { code: 'IMPORT_UNCONFIRMED', clearedAt: null },
      { code: 'SEAL_BROKEN', clearedAt: new Date('2026-04-01T00:00:00Z') },
      { code: 'SEAL_BROKEN', clearedAt: null },
    ],
    overdueSince,
  });

  it('counts exports at issue, leaving out voided and stolen certificates, by quarter, HS code and partner', () => {
    expect(summary.exports.total).toEqual({ certificates: 3, carats: 250.5, valueUsd: 20500.5 });
    expect(summary.exports.byQuarter).toEqual([
      { quarter: 1, certificates: 2, carats: 200, valueUsd: 20000 },
      { quarter: 2, certificates: 0, carats: 0, valueUsd: 0 },
      { quarter: 3, certificates: 0, carats: 0, valueUsd: 0 },
      { quarter: 4, certificates: 1, carats: 50.5, valueUsd: 500.5 },
    ]);
    expect(summary.exports.byHsCode.map((h) => h.hsCode)).toEqual(['7102.10', '7102.31']);
    expect(summary.exports.byPartner.map((p) => [p.participant, p.certificates])).toEqual([
      ['AE', 2],
      ['IN', 1],
    ]);
    expect(summary.imports.total).toEqual({ certificates: 1, carats: 7, valueUsd: 70 });
    expect(summary.imports.byQuarter[2]).toEqual({ quarter: 3, certificates: 1, carats: 7, valueUsd: 70 });
  });

  it('says what became of the certificates, and which imports are unconfirmed on either side', () => {
    expect(summary.certificates).toEqual({
      issued: 5,
      counted: 3,
      voided: 1,
      replaced: 1,
      reportedLost: 0,
      reportedStolen: 1,
      importConfirmed: 1,
      awaitingConfirmation: 1,
      unconfirmed: 1,
    });
    expect(summary.unconfirmedImports.map((u) => [u.certificateNumber, u.side, u.partner])).toEqual([
      ['BW-2026-000002', 'EXPORTER', 'AE'],
      ['IN-2026-000009', 'IMPORTER', 'IN'],
    ]);
    expect(summary.flags).toEqual({
      raised: 3,
      open: 2,
      cleared: 1,
      byCode: [
        { code: 'IMPORT_UNCONFIRMED', raised: 1, open: 1 },
        { code: 'SEAL_BROKEN', raised: 2, open: 1 },
      ],
    });
  });

  it('has a CSV of its figures', () => {
    const lines = annualSummaryCsv(summary).split('\r\n');
    expect(lines[0]).toBe('section,flow,key,certificates,carats,valueUsd');
    expect(lines[1]).toBe('total,EXPORT,BW 2026,3,250.5,20500.5');
    expect(lines).toContain('partner,IMPORT,AE,1,7,70');
  });
});

describe('stable ids', () => {
  it('are UUIDs, the same for the same name', () => {
    expect(stableUuid('a')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(stableUuid('a')).toBe(stableUuid('a'));
    expect(stableUuid('a')).not.toBe(stableUuid('b'));
  });
});
