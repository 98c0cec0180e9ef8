import type { Verdict } from '@kp/contracts';

/** Stable reason codes; each belongs to exactly one verdict (API.md's table). */
export const REASON_VERDICT = {
  NOT_FOUND: 'UNKNOWN',
  VOIDED: 'VOID',
  REPORTED_LOST: 'VOID',
  REPORTED_STOLEN: 'VOID',
  ORIGIN_EMBARGOED: 'EMBARGOED',
  EXPORTER_EMBARGOED: 'EMBARGOED',
  EXPORTER_SUSPENDED: 'EMBARGOED',
  IMPORTER_SUSPENDED: 'EMBARGOED',
  ALREADY_IMPORTED: 'FLAGGED',
  VALUE_PER_CARAT_OUTLIER: 'FLAGGED',
  SIGNATURE_INVALID: 'FLAGGED',
  DATA_MISMATCH: 'FLAGGED',
  SEAL_BROKEN: 'FLAGGED',
  WEIGHT_MISMATCH: 'FLAGGED',
  PARCELS_MISMATCH: 'FLAGGED',
  HELD_AT_BORDER: 'FLAGGED',
  NUMBER_PREFIX_MISMATCH: 'FLAGGED',
  HS_CODE_VALUE_CONTRADICTION: 'FLAGGED',
  EXPIRED: 'EXPIRED',
} as const satisfies Record<string, Verdict>;

export type ReasonCode = keyof typeof REASON_VERDICT;

export interface Reason {
  code: ReasonCode;
  message: string;
  legalBasis?: string;
}

/** When several findings apply, the first verdict in this list wins. */
export const VERDICT_PRECEDENCE: readonly Verdict[] = ['UNKNOWN', 'VOID', 'EMBARGOED', 'FLAGGED', 'EXPIRED', 'VALID'];

export function verdictOf(reasons: readonly Reason[]): Verdict {
  let best = VERDICT_PRECEDENCE.length - 1;
  for (const reason of reasons) {
    // A code this version does not know (read from JSON, say) still flags the certificate.
    const rank = VERDICT_PRECEDENCE.indexOf(REASON_VERDICT[reason.code] ?? 'FLAGGED');
    if (rank < best) best = rank;
  }
  return VERDICT_PRECEDENCE[best];
}
