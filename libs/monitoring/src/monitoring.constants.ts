/** The service's name: its schema, its DataSource, its consumer group. */
export const MONITORING = 'monitoring';

/**
 * Statuses that take a certificate out of the export statistics: a voided certificate
 * (a printer error, a cancelled shipment, one replaced by another) or one reported lost
 * or stolen did not cover a lawful export of its own; a replacement counts instead.
 */
export const NOT_COUNTED_AS_EXPORT = ['VOIDED', 'REPORTED_LOST', 'REPORTED_STOLEN'] as const;

/** The flags the monitoring service raises itself (the others come from verification's events). */
export const MonitoringFlagCodes = {
  /** Past expiry plus the grace period with no import confirmation (raised by the sweep). */
  importUnconfirmed: 'IMPORT_UNCONFIRMED',
  /** An arrived shipment waited too long for its import confirmation (reported by shipments). */
  confirmationOverdue: 'CONFIRMATION_OVERDUE',
} as const;

/** Who owns a flag, and so where the secretariat clears it. */
export type FlagOwner = 'verification' | 'monitoring';

/** Report kinds. */
export const ANNUAL_SUMMARY = 'ANNUAL_SUMMARY';
