import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { VerificationPerformed, Verdict } from '@kp/contracts';
import { EventValidationError, OutboxWriter } from '@kp/kernel';
import { VERIFICATION } from '../verification.constants';

export interface VerificationRecord {
  id: string;
  certificateNumber: string;
  verdict: Verdict;
  reasons: { code: string; message: string; legalBasis?: string }[];
  verifiedBy: string;
  participant: string | null;
  /** ISO 8601, as in the answer. */
  judgedAt: string;
  checkedAt: string;
}

const FLUSH_MS = 10;
const MAX_BATCH = 500;

/**
 * Records every verification and announces it, off the answer's path: records gather for
 * at most 10 ms and are written (record rows and outbox rows) in one statement, so the
 * border's answers do not wait on a commit each. The price: a process killed outright
 * loses at most the last 10 ms of records (never an answer, never half a batch);
 * shutdown flushes what is pending.
 */
@Injectable()
export class VerificationRecorder implements OnApplicationShutdown {
  private readonly logger = new Logger(VerificationRecorder.name);
  private pending: VerificationRecord[] = [];
  private timer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    @InjectDataSource(VERIFICATION) private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {}

  record(record: VerificationRecord): void {
    this.pending.push(record);
    if (this.pending.length >= MAX_BATCH) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS);
  }

  /** Writes what is pending; resolves when it (and any earlier flush) is committed. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    if (!batch.length) return this.flushing;
    this.flushing = this.flushing.then(() => this.write(batch));
    return this.flushing;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  private pool(): Pool {
    return (this.dataSource.driver as unknown as { master: Pool }).master;
  }

  private async write(batch: VerificationRecord[]): Promise<void> {
    try {
      const { kept, events } = this.announce(batch);
      if (!kept.length) return;
      // The records and their events in one statement: one round trip, atomic as a transaction
      // would be. The records travel as one JSON array of arrays (no keys: fewer bytes to write),
      // read as jsonb: parsed once, where json would be parsed again for every field taken.
      await this.pool().query(
        `WITH recorded AS (
           INSERT INTO "${VERIFICATION}".verification_record (id, certificate_number, verdict, reasons, verified_by, participant, judged_at, checked_at)
           SELECT (r->>0)::uuid, r->>1, r->>2, r->3, r->>4, r->>5, (r->>6)::timestamptz, (r->>7)::timestamptz
             FROM jsonb_array_elements($1::jsonb) AS r
         )
         ${events.sql}`,
        [
          JSON.stringify(kept.map((r) => [r.id, r.certificateNumber, r.verdict, r.reasons, r.verifiedBy, r.participant, r.judgedAt, r.checkedAt])),
          ...events.params,
        ],
      );
    } catch (error) {
      // Put them back for the next flush rather than lose them to a passing database error.
      this.logger.error(`could not record ${batch.length} verifications (${(error as Error).message}); retrying`);
      this.pending.unshift(...batch);
      this.timer ??= setTimeout(() => void this.flush(), 500);
    }
  }

  /**
   * The batch's verification.performed events as one outbox row (OutboxWriter.prepareBatch),
   * the first payload checked against the contract. Only a defect makes one fail, and retrying
   * would hold every later batch behind it: then each is checked, those that break the
   * contract are logged whole and left out, and the rest are kept.
   */
  private announce(batch: VerificationRecord[]): { kept: VerificationRecord[]; events: ReturnType<OutboxWriter['prepareBatch']> } {
    try {
      return { kept: batch, events: this.events(batch, 'first') };
    } catch (error) {
      if (!(error instanceof EventValidationError)) throw error;
      const kept = batch.filter((r) => {
        try {
          this.events([r], 'each');
          return true;
        } catch (e) {
          this.logger.error(`verification ${r.id} not recorded: its event breaks the contract (${(e as Error).message}): ${JSON.stringify(r)}`);
          return false;
        }
      });
      return { kept, events: this.events(kept, 'first') };
    }
  }

  private events(batch: VerificationRecord[], validate: 'first' | 'each') {
    return this.outbox.prepareBatch(
      VerificationPerformed,
      batch.map((r) => ({
        aggregateId: r.certificateNumber,
        occurredAt: r.checkedAt,
        payload: {
          verificationId: r.id,
          certificateNumber: r.certificateNumber,
          verdict: r.verdict,
          reasonCodes: r.reasons.map((x) => x.code),
          verifiedBy: r.verifiedBy,
          ...(r.participant ? { participant: r.participant } : {}),
          checkedAt: r.checkedAt,
        },
      })),
      { param: 2, validate },
    );
  }
}
