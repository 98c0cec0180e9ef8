import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CertificateExpired } from '@kp/contracts';
import { OutboxWriter } from '@kp/kernel';
import { CERTIFICATES } from '../certificates.constants';
import { CertificateHistoryOrmEntity } from '../infrastructure/certificate-history.orm-entity';

const BATCH = 500;

/**
 * Announces certificates that reached their expiry unused. Expiry itself is derived from
 * `expiresAt` wherever it is judged; this makes it an event for those who track it
 * (unconfirmed imports, statistics). Rows are claimed with SKIP LOCKED, so several
 * workers can sweep at once without announcing one twice.
 */
@Injectable()
export class ExpireCertificatesHandler {
  constructor(
    @InjectDataSource(CERTIFICATES) private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute(now = new Date()): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      const due: { certificate_number: string; exporting_participant: string; importing_participant: string; expires_at: Date }[] =
        await tx.query(
          `SELECT certificate_number, exporting_participant, importing_participant, expires_at
             FROM "${CERTIFICATES}".certificate
            WHERE status = 'ISSUED' AND expiry_announced_at IS NULL AND expires_at < $1
            ORDER BY expires_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
          [now],
        );
      for (const c of due) {
        await tx.query(`UPDATE "${CERTIFICATES}".certificate SET expiry_announced_at = $2 WHERE certificate_number = $1`, [
          c.certificate_number,
          now,
        ]);
        await tx.getRepository(CertificateHistoryOrmEntity).insert({
          certificateNumber: c.certificate_number,
          action: 'EXPIRED',
          actor: 'system',
          at: now,
          detail: { expiresAt: new Date(c.expires_at).toISOString() },
        });
        await this.outbox.append(tx, CertificateExpired, c.certificate_number, {
          certificateNumber: c.certificate_number,
          exportingParticipant: c.exporting_participant,
          importingParticipant: c.importing_participant,
          expiresAt: new Date(c.expires_at).toISOString(),
        });
      }
      return due.length;
    });
  }
}
