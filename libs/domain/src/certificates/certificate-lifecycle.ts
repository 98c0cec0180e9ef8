import type { CertificateStatus } from '../verification/certificate-rules';

/** What can happen to a certificate once issued. */
export type CertificateAction = 'VOID' | 'REPORT_LOST' | 'REPORT_STOLEN' | 'CONFIRM_IMPORT' | 'REPLACE';

/**
 * The lifecycle as a transitions table: from each status, what each action leads to.
 * A missing entry is a refusal (the API answers 409). Issued certificates are otherwise
 * immutable: no action edits a field.
 */
export const CERTIFICATE_TRANSITIONS: Record<CertificateStatus, Partial<Record<CertificateAction, CertificateStatus>>> = {
  ISSUED: {
    VOID: 'VOIDED',
    REPORT_LOST: 'REPORTED_LOST',
    REPORT_STOLEN: 'REPORTED_STOLEN',
    CONFIRM_IMPORT: 'IMPORT_CONFIRMED',
    REPLACE: 'VOIDED',
  },
  // A certificate lost in transit may be surrendered (voided) or replaced once found missing for good.
  REPORTED_LOST: { VOID: 'VOIDED', REPLACE: 'VOIDED' },
  REPORTED_STOLEN: { VOID: 'VOIDED', REPLACE: 'VOIDED' },
  VOIDED: {},
  IMPORT_CONFIRMED: {},
};

export function nextStatus(from: CertificateStatus, action: CertificateAction): CertificateStatus | null {
  return CERTIFICATE_TRANSITIONS[from][action] ?? null;
}

/** The void reasons of the Core Document practice (API: `reason`). */
export const VOID_REASONS = [
  'PRINTER_ERROR',
  'LOST_IN_TRANSIT',
  'TRANSPOSITION_ERROR',
  'SHIPMENT_CANCELLED',
  'SHIPMENT_RETURNED',
  'CERTIFICATE_SURRENDERED',
] as const;
export type VoidReason = (typeof VOID_REASONS)[number];

/** Weighing tolerance at import: a share of the certificate's carats (configuration; 0.5 % by default). */
export const DEFAULT_WEIGHT_TOLERANCE = 0.005;

export interface Finding<C extends string = string> {
  code: C;
  message: string;
}

export type ImportDiscrepancy = Finding<'WEIGHT_MISMATCH' | 'PARCELS_MISMATCH' | 'SEAL_BROKEN'>;

/**
 * What a look at the goods found against the certificate: a broken seal, a weight outside
 * the tolerance, a parcel count that differs. Whatever was not checked (undefined) finds nothing.
 */
export function goodsFindings(
  certificate: { carats: number; parcels: number },
  found: { carats?: number; parcels?: number; sealIntact?: boolean },
  tolerance = DEFAULT_WEIGHT_TOLERANCE,
): ImportDiscrepancy[] {
  const findings: ImportDiscrepancy[] = [];
  if (found.carats !== undefined && Math.abs(found.carats - certificate.carats) > certificate.carats * tolerance + 1e-9) {
    findings.push({
      code: 'WEIGHT_MISMATCH',
      message: `${found.carats} ct weighed against ${certificate.carats} ct certified (tolerance ${(tolerance * 100).toFixed(2)} %).`,
    });
  }
  if (found.parcels !== undefined && found.parcels !== certificate.parcels) {
    findings.push({ code: 'PARCELS_MISMATCH', message: `${found.parcels} parcels counted against ${certificate.parcels} certified.` });
  }
  if (found.sealIntact === false) findings.push({ code: 'SEAL_BROKEN', message: 'A seal was found broken.' });
  return findings;
}

/** What an import confirmation found that differs from the certificate. */
export function importDiscrepancies(
  certificate: { carats: number; parcels: number },
  received: { carats: number; parcels: number; sealIntact: boolean },
  tolerance = DEFAULT_WEIGHT_TOLERANCE,
): ImportDiscrepancy[] {
  return goodsFindings(certificate, received, tolerance);
}

/** What customs found at the border: the goods' findings, and a hold is a flag of its own. */
export function borderFindings(
  certificate: { carats: number; parcels: number },
  event: { type: 'ARRIVED' | 'INSPECTED' | 'RELEASED' | 'HELD'; measuredCarats?: number; parcelsCounted?: number; sealIntact?: boolean; remarks?: string },
  tolerance = DEFAULT_WEIGHT_TOLERANCE,
): Finding<'WEIGHT_MISMATCH' | 'PARCELS_MISMATCH' | 'SEAL_BROKEN' | 'HELD_AT_BORDER'>[] {
  const findings: Finding<'WEIGHT_MISMATCH' | 'PARCELS_MISMATCH' | 'SEAL_BROKEN' | 'HELD_AT_BORDER'>[] = goodsFindings(
    certificate,
    { carats: event.measuredCarats, parcels: event.parcelsCounted, sealIntact: event.sealIntact },
    tolerance,
  );
  if (event.type === 'HELD') {
    findings.push({ code: 'HELD_AT_BORDER', message: `Customs held the shipment${event.remarks ? `: ${event.remarks}` : '.'}` });
  }
  return findings;
}
