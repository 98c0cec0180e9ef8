export const DEFAULT_UNCONFIRMED_GRACE_DAYS = 30;
export const DEFAULT_UNCONFIRMED_SWEEP_MS = 60_000;
const DAY_MS = 24 * 3600 * 1000;

/** The monitoring service's settings, from KpConfig (KP_UNCONFIRMED_GRACE_DAYS, KP_UNCONFIRMED_SWEEP_MS). */
export class MonitoringConfig {
  constructor(
    readonly unconfirmedGraceDays = DEFAULT_UNCONFIRMED_GRACE_DAYS,
    readonly unconfirmedSweepMs = DEFAULT_UNCONFIRMED_SWEEP_MS,
  ) {}

  get unconfirmedGraceMs(): number {
    return Math.round(this.unconfirmedGraceDays * DAY_MS);
  }

  /** When a certificate expiring at `expiresAt` becomes an unconfirmed import. */
  overdueSince(expiresAt: Date): Date {
    return new Date(expiresAt.getTime() + this.unconfirmedGraceMs);
  }
}
