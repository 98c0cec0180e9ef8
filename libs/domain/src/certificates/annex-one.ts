import { HS_CODES, HsCode } from '@kp/contracts';

/** Title and statement every KP certificate carries (Core Document, Annex I). */
export const CERTIFICATE_TITLE = 'Kimberley Process Certificate';
export const CERTIFICATE_STATEMENT =
  'The rough diamonds in this shipment have been handled in accordance with the provisions of the ' +
  'Kimberley Process Certification Scheme for rough diamonds.';

export const HS_CODE_MEANINGS: Record<HsCode, string> = {
  '7102.10': 'Unsorted diamonds',
  '7102.21': 'Industrial diamonds, unworked or simply sawn, cleaved or bruted',
  '7102.31': 'Non-industrial diamonds, unworked or simply sawn, cleaved or bruted',
};

export function isRoughDiamondHsCode(code: string): code is HsCode {
  return (HS_CODES as readonly string[]).includes(code);
}

/** Certificates are valid for a period each participant sets; 60 days unless it says otherwise. */
export const DEFAULT_VALIDITY_DAYS = 60;

/** The fields the certificate's signature covers: the number and every Annex I field. */
export interface SignedCertificateFields {
  certificateNumber: string;
  exportingParticipant: string;
  importingParticipant: string;
  exporter: { name: string; address: string };
  importer: { name: string; address: string };
  origin: { countries: string[]; zones?: string[] };
  hsCode: string;
  carats: number;
  valueUsd: number;
  parcels: number;
  issuedAt: string;
  expiresAt: string;
}

/** Picks exactly the signed fields, so extra properties never leak into (or out of) the signature. */
export function signedFieldsOf(c: SignedCertificateFields): SignedCertificateFields {
  return {
    certificateNumber: c.certificateNumber,
    exportingParticipant: c.exportingParticipant,
    importingParticipant: c.importingParticipant,
    exporter: { name: c.exporter.name, address: c.exporter.address },
    importer: { name: c.importer.name, address: c.importer.address },
    origin: c.origin.zones?.length
      ? { countries: [...c.origin.countries], zones: [...c.origin.zones] }
      : { countries: [...c.origin.countries] },
    hsCode: c.hsCode,
    carats: c.carats,
    valueUsd: c.valueUsd,
    parcels: c.parcels,
    issuedAt: c.issuedAt,
    expiresAt: c.expiresAt,
  };
}
