import { HS_CODES } from '@kp/contracts';
import { HS_CODE_MEANINGS, isRoughDiamondHsCode, SignedCertificateFields, signedFieldsOf } from './annex-one';

function certificate(overrides: Partial<SignedCertificateFields> = {}): SignedCertificateFields {
  return {
    certificateNumber: 'BW-2026-000042',
    exportingParticipant: 'BW',
    importingParticipant: 'BE',
    exporter: { name: 'Okavango Diamond Company', address: 'Gaborone' },
    importer: { name: 'Antwerp Rough NV', address: 'Antwerpen' },
    origin: { countries: ['BW'], zones: ['Jwaneng'] },
    hsCode: '7102.31',
    carats: 1250.5,
    valueUsd: 2_400_000,
    parcels: 3,
    issuedAt: '2026-03-01T10:00:00.000Z',
    expiresAt: '2026-04-30T10:00:00.000Z',
    ...overrides,
  };
}

const SIGNED_KEYS = [
  'certificateNumber',
  'exportingParticipant',
  'importingParticipant',
  'exporter',
  'importer',
  'origin',
  'hsCode',
  'carats',
  'valueUsd',
  'parcels',
  'issuedAt',
  'expiresAt',
].sort();

describe('signedFieldsOf', () => {
  it('keeps every Annex I field unchanged', () => {
    const c = certificate();
    expect(signedFieldsOf(c)).toEqual(c);
  });

  it('drops extra properties at the top level and inside the parties and origin', () => {
    const c = {
      ...certificate(),
      id: 'uuid',
      status: 'ISSUED',
      qr: 'a.b.c',
      exporter: { name: 'E', address: 'A', licence: 'L-1' },
      importer: { name: 'I', address: 'B', phone: '+32' },
      origin: { countries: ['BW'], zones: ['Orapa'], mine: 'Orapa A/K1' },
    } as SignedCertificateFields;
    const signed = signedFieldsOf(c);
    expect(Object.keys(signed).sort()).toEqual(SIGNED_KEYS);
    expect(signed.exporter).toEqual({ name: 'E', address: 'A' });
    expect(signed.importer).toEqual({ name: 'I', address: 'B' });
    expect(signed.origin).toEqual({ countries: ['BW'], zones: ['Orapa'] });
  });

  it('omits zones when there are none, so an empty list and no list sign the same', () => {
    const empty = signedFieldsOf(certificate({ origin: { countries: ['BW', 'ZA'], zones: [] } }));
    const absent = signedFieldsOf(certificate({ origin: { countries: ['BW', 'ZA'] } }));
    expect(empty.origin).toEqual({ countries: ['BW', 'ZA'] });
    expect('zones' in empty.origin).toBe(false);
    expect(absent.origin).toEqual({ countries: ['BW', 'ZA'] });
    expect('zones' in absent.origin).toBe(false);
  });

  it('copies arrays, so later changes to the input do not reach the signed fields', () => {
    const c = certificate({ origin: { countries: ['BW'], zones: ['Jwaneng'] } });
    const signed = signedFieldsOf(c);
    c.origin.countries.push('ZA');
    c.origin.zones!.push('Orapa');
    c.exporter.name = 'changed';
    expect(signed.origin).toEqual({ countries: ['BW'], zones: ['Jwaneng'] });
    expect(signed.exporter.name).toBe('Okavango Diamond Company');
  });
});

describe('HS codes', () => {
  it('has a meaning for each rough-diamond HS code', () => {
    expect(Object.keys(HS_CODE_MEANINGS).sort()).toEqual([...HS_CODES].sort());
  });

  it.each(['7102.10', '7102.21', '7102.31'])('accepts %s as rough', (code) => {
    expect(isRoughDiamondHsCode(code)).toBe(true);
  });

  it.each(['7102.39', '7102.29', '7102', '710231', '7103.10', ''])('refuses %p', (code) => {
    expect(isRoughDiamondHsCode(code)).toBe(false);
  });
});
