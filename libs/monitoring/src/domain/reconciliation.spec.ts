import { figuresOf, round2, sumFigures } from './figures';
import { reconcile, UnconfirmedCertificate } from './reconciliation';

const pair = (exporter: string, importer: string, quarter: number, certificates: number, carats: number, valueUsd: number) => ({
  exporter,
  importer,
  year: 2026,
  quarter,
  certificates,
  carats,
  valueUsd,
});

const unconfirmed = (certificateNumber: string, exporter: string, importer: string, quarter: number, carats: number, valueUsd: number): UnconfirmedCertificate => ({
  certificateNumber,
  exporter,
  importer,
  year: 2026,
  quarter,
  hsCode: '7102.31',
  carats,
  valueUsd,
  issuedAt: '2026-11-01T00:00:00.000Z',
  expiresAt: '2027-01-31T00:00:00.000Z',
  overdueSince: '2027-03-02T00:00:00.000Z',
  overdue: false,
});

describe('reconciliation: exports of A to B against imports of B from A', () => {
  it('puts each pair and quarter on one line with the difference and the unconfirmed certificates', () => {
    const items = reconcile(
      [pair('BW', 'AE', 4, 3, 300.3, 3000.3), pair('BW', 'IN', 4, 1, 10, 100)],
      [pair('BW', 'AE', 4, 2, 200.2, 2000.2)],
      [unconfirmed('BW-2026-000003', 'BW', 'AE', 4, 100.1, 1000.1), unconfirmed('BW-2026-000004', 'BW', 'IN', 4, 10, 100)],
    );
    expect(items).toEqual([
      expect.objectContaining({
        exporter: 'BW',
        importer: 'AE',
        exports: { certificates: 3, carats: 300.3, valueUsd: 3000.3 },
        imports: { certificates: 2, carats: 200.2, valueUsd: 2000.2 },
        difference: { certificates: 1, carats: 100.1, valueUsd: 1000.1 },
        unconfirmed: [expect.objectContaining({ certificateNumber: 'BW-2026-000003' })],
      }),
      expect.objectContaining({ exporter: 'BW', importer: 'IN', imports: { certificates: 0, carats: 0, valueUsd: 0 }, difference: { certificates: 1, carats: 10, valueUsd: 100 } }),
    ]);
  });

  it('an import confirmed in a later quarter shows there as a negative difference', () => {
    const items = reconcile([pair('AE', 'IN', 3, 1, 5, 50)], [pair('AE', 'IN', 4, 1, 5, 50)], []);
    expect(items.map((i) => [i.quarter, i.difference.certificates])).toEqual([
      [3, 1],
      [4, -1],
    ]);
  });

  it('keeps money on the cent grid', () => {
    expect(round2(0.1 + 0.2)).toBe(0.3);
    expect(sumFigures([figuresOf({ carats: 0.1, valueUsd: 0.7 }), figuresOf({ carats: 0.2, valueUsd: 0.1 })])).toEqual({ certificates: 2, carats: 0.3, valueUsd: 0.8 });
  });
});
