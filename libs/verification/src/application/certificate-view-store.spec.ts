import { CertificateView, CertificateViewStore } from './certificate-view-store';

const view = (n: string, overrides: Partial<CertificateView> = {}): CertificateView => ({
  certificateNumber: n,
  status: 'ISSUED',
  exportingParticipant: n.slice(0, 2),
  importingParticipant: 'AE',
  issuedAt: new Date('2026-11-01T08:00:00.123Z'),
  expiresAt: new Date('2027-04-30T08:00:00.123Z'),
  summary: {
    kid: `${n.slice(0, 2)}-2026-k1`,
    carats: 1250.5,
    hsCode: '7102.31',
    origin: { countries: [n.slice(0, 2)] },
    parcels: 3,
    exporter: { name: 'Okavango Diamond Company', address: 'Plot 63, Gaborone' },
    importer: { name: 'Dubai Rough Trading DMCC', address: 'Almas Tower, Dubai' },
    valueUsd: 187_500.25,
  },
  flags: [],
  ...overrides,
});

describe('CertificateViewStore', () => {
  it('gives back what was put, field for field, for many certificates', () => {
    const store = new CertificateViewStore();
    const views = Array.from({ length: 5000 }, (_, i) => {
      const prefix = ['BW', 'ZA', 'CF', 'AE', 'IN'][i % 5];
      return view(`${prefix}-${2020 + (i % 7)}-${String(i + 1).padStart(6, '0')}`, {
        summary: { ...view('BW-2026-000001').summary, carats: i + 0.25, exporter: { name: `Miner ${i % 37}`, address: 'Gaborone' } },
        issuedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
      });
    });
    views.forEach((v) => store.set(v));
    expect(store.size).toBe(5000);
    for (const v of views) expect(store.get(v.certificateNumber)).toEqual(v);
    expect(store.get('BW-2026-999999')).toBeUndefined();
  });

  it('sized for many at the start, holds more than that too', () => {
    const store = new CertificateViewStore(3000);
    for (let i = 1; i <= 7000; i++) store.set(view(`ZA-2026-${String(i).padStart(6, '0')}`));
    expect(store.size).toBe(7000);
    expect(store.get('ZA-2026-000001')!.certificateNumber).toBe('ZA-2026-000001');
    expect(store.get('ZA-2026-007000')!.certificateNumber).toBe('ZA-2026-007000');
  });

  it('writes the summary in the key order PostgreSQL gives jsonb, so both sources answer alike', () => {
    const store = new CertificateViewStore();
    store.set(view('BW-2026-000001'));
    expect(Object.keys(store.get('BW-2026-000001')!.summary)).toEqual(['kid', 'carats', 'hsCode', 'origin', 'parcels', 'exporter', 'importer', 'valueUsd']);
  });

  it('replaces a certificate in place, keeps its flags, and forgets it when deleted', () => {
    const store = new CertificateViewStore();
    store.set(view('BW-2026-000007'));
    const flags = [{ id: 'f1', code: 'SEAL_BROKEN', message: 'Seal broken.', source: 'border' }];
    store.set(view('BW-2026-000007', { status: 'VOIDED', flags }));
    expect(store.size).toBe(1);
    expect(store.get('BW-2026-000007')).toMatchObject({ status: 'VOIDED', flags });
    store.set(view('BW-2026-000007'));
    expect(store.get('BW-2026-000007')!.flags).toEqual([]);
    store.delete('BW-2026-000007');
    expect(store.get('BW-2026-000007')).toBeUndefined();
    expect(store.size).toBe(0);
    store.set(view('BW-2026-000007'));
    expect(store.size).toBe(1);
  });

  it('keeps a summary of another shape whole, and numbers of another form apart', () => {
    const store = new CertificateViewStore();
    const odd = view('BW-2026-000008', { summary: { carats: '12', note: 'an older event' } });
    const otherForm = view('bw-2026-8');
    store.set(odd);
    store.set(otherForm);
    expect(store.get('BW-2026-000008')).toEqual(odd);
    expect(store.get('bw-2026-8')).toEqual(otherForm);
    expect(store.size).toBe(2);
  });
});
