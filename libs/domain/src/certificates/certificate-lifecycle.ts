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

export interface ImportDiscrepancy {
  code: 'WEIGHT_MISMATCH' | 'PARCELS_MISMATCH' | 'SEAL_BROKEN';
  message: string;
}

/** What an import confirmation found that differs from the certificate. */
export function importDiscrepancies(
  certificate: { carats: number; parcels: number },
  received: { carats: number; parcels: number; sealIntact: boolean },
  tolerance = DEFAULT_WEIGHT_TOLERANCE,
): ImportDiscrepancy[] {
  const found: ImportDiscrepancy[] = [];
  const allowed = certificate.carats * tolerance;
  if (Math.abs(received.carats - certificate.carats) > allowed + 1e-9) {
    found.push({
      code: 'WEIGHT_MISMATCH',
      message: `${received.carats} ct were received against ${certificate.carats} ct certified (tolerance ${(tolerance * 100).toFixed(2)} %).`,
    });
  }
  if (received.parcels !== certificate.parcels) {
    found.push({ code: 'PARCELS_MISMATCH', message: `${received.parcels} parcels were received against ${certificate.parcels} certified.` });
  }
  if (!received.sealIntact) found.push({ code: 'SEAL_BROKEN', message: 'The shipment arrived with a broken seal.' });
  return found;
}
