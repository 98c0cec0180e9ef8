import { generateKeyPairSync } from 'node:crypto';
import { signCompactJws, signedFieldsOf } from '@kp/domain';
import { CertificatePdfContent, renderCertificatePdf } from './certificate-pdf.renderer';

const fields = signedFieldsOf({
  certificateNumber: 'BW-2026-000042',
  exportingParticipant: 'BW',
  importingParticipant: 'AE',
  exporter: { name: 'Okavango Diamond Company', address: 'Plot 63, Gaborone, Botswana' },
  importer: { name: 'Dubai Rough Trading DMCC', address: 'Almas Tower, Jumeirah Lakes Towers, Dubai' },
  origin: { countries: ['BW', 'NA'], zones: ['Orapa', 'Namdeb'] },
  hsCode: '7102.31',
  carats: 1250.5,
  valueUsd: 2_400_000,
  parcels: 3,
  issuedAt: '2026-03-01T10:00:00.000Z',
  expiresAt: '2026-04-30T10:00:00.000Z',
});

function sampleCertificate(overrides: Partial<CertificatePdfContent> = {}): CertificatePdfContent {
  const { privateKey } = generateKeyPairSync('ed25519');
  return {
    ...fields,
    issuedAt: new Date(fields.issuedAt),
    expiresAt: new Date(fields.expiresAt),
    signature: { kid: 'BW-2026-01', alg: 'Ed25519' },
    qr: signCompactJws(fields, 'BW-2026-01', privateKey),
    nationalFields: { exportLicence: 'BW-EL-2026-0117', sealNumbers: 'KP-BW-88231, KP-BW-88232' },
    ...overrides,
  };
}

const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? []).length;

describe('renderCertificatePdf', () => {
  it('renders one A4 page of PDF, titled with the certificate number', async () => {
    const pdf = await renderCertificatePdf(sampleCertificate());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
    expect(pdf.toString('latin1')).toContain('(Kimberley Process Certificate BW-2026-000042)');
    expect(pdf.toString('latin1')).toContain('/MediaBox [0 0 595.28 841.89]');
    expect(pageCount(pdf)).toBe(1);
  });

  it('gives the same bytes for the same certificate, whenever it is rendered', async () => {
    const certificate = sampleCertificate();
    const first = await renderCertificatePdf(certificate);
    await new Promise((r) => setTimeout(r, 5));
    expect((await renderCertificatePdf(certificate)).equals(first)).toBe(true);
  });

  it('continues on a second page when national fields do not fit on the first', async () => {
    const nationalFields = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`field${i}`, `value ${i}`]));
    const pdf = await renderCertificatePdf(sampleCertificate({ nationalFields }));
    expect(pageCount(pdf)).toBe(2);
  });

  it('renders names outside Latin-1, nested and very long national fields without failing', async () => {
    const pdf = await renderCertificatePdf(
      sampleCertificate({
        exporter: { name: 'Łódź Алмаз 钻石 Ltd', address: 'Straße 1' },
        nationalFields: { nested: { a: 1 } as never, remarks: 'x '.repeat(3000), empty: null },
      }),
    );
    expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
    expect(pageCount(pdf)).toBeGreaterThan(1);
  });

  it('renders codes it has no name for, and a single origin without zones', async () => {
    const pdf = await renderCertificatePdf(sampleCertificate({ origin: { countries: ['XK'] }, nationalFields: null }));
    expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
  });
});
