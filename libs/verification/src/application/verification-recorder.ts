import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { VerificationPerformed } from '@kp/contracts';
import { OutboxWriter } from '@kp/kernel';
import { VerificationRecordOrmEntity } from '../infrastructure/verification-record.orm-entity';
import { VERIFICATION } from '../verification.constants';

export interface VerificationRecord {
  id: string;
  certificateNumber: string;
  verdict: string;
  reasons: { code: string; message: string; legalBasis?: string }[];
  verifiedBy: string;
  participant: string | null;
  judgedAt: Date;
  checkedAt: Date;
}

const FLUSH_MS = 10;
const MAX_BATCH = 500;

/**
 * Records every verification and announces it, off the answer's path: records gather for
 * at most 10 ms and are written (record rows and outbox rows) in one transaction, so the
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

  private async write(batch: VerificationRecord[]): Promise<void> {
    try {
      await this.dataSource.transaction(async (tx) => {
        await tx.getRepository(VerificationRecordOrmEntity).insert(batch);
        await this.outbox.appendMany(
          tx,
          VerificationPerformed,
          batch.map((r) => ({
            aggregateId: r.certificateNumber,
            occurredAt: r.checkedAt,
            payload: {
              verificationId: r.id,
              certificateNumber: r.certificateNumber,
              verdict: r.verdict as never,
              reasonCodes: r.reasons.map((x) => x.code),
              verifiedBy: r.verifiedBy,
              ...(r.participant ? { participant: r.participant } : {}),
              checkedAt: r.checkedAt.toISOString(),
            },
          })),
        );
      });
    } catch (error) {
      // Put them back for the next flush rather than lose them to a passing database error.
      this.logger.error(`could not record ${batch.length} verifications (${(error as Error).message}); retrying`);
      this.pending.unshift(...batch);
      this.timer ??= setTimeout(() => void this.flush(), 500);
    }
  }
}
