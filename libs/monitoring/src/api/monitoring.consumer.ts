import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  AuthorityUpdated,
  CertificateExpired,
  CertificateImportConfirmed,
  CertificateIssued,
  CertificateReportedLost,
  CertificateVoided,
  FlagCleared,
  FlagRaised,
  ParticipantRegistered,
  ShipmentConfirmationOverdue,
} from '@kp/contracts';
import { EventBus, EventConsumer } from '@kp/kernel';
import { stableUuid } from '../domain/stable-id';
import { MONITORING, MonitoringFlagCodes } from '../monitoring.constants';

const S = MONITORING;

/**
 * Everything monitoring knows, it learns here: the certificates and what becomes of them,
 * every flag raised and cleared, overdue confirmations, and the registry's participants
 * and authorities. Each event is applied with its inbox row, so a redelivery changes nothing.
 */
@Injectable()
export class MonitoringConsumer extends EventConsumer {
  constructor(@InjectDataSource(MONITORING) dataSource: DataSource, bus: EventBus) {
    super(MONITORING, dataSource, bus);
  }

  protected registerHandlers(): void {
    this.on(ParticipantRegistered, async (p, _e, tx) => {
      await tx.query(
        `INSERT INTO "${S}".known_participant (code, name, status) VALUES ($1, $2, $3)
         ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, status = EXCLUDED.status`,
        [p.code, p.name, p.status],
      );
    });

    this.on(AuthorityUpdated, async (a, _e, tx) => {
      await tx.query(
        `INSERT INTO "${S}".known_authority (participant, kind, name, email, endpoint) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (participant, kind) DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email, endpoint = EXCLUDED.endpoint`,
        [a.participant, a.kind, a.name, a.email ?? null, a.notificationEndpoint ?? null],
      );
    });

    this.on(CertificateIssued, async (c, _e, tx) => {
      // Immutable once issued: a second sight of the issue (a replay) leaves what followed it alone.
      await tx.query(
        `INSERT INTO "${S}".certificate
           (certificate_number, exporting_participant, importing_participant, hs_code, carats, value_usd, parcels,
            issued_at, expires_at, status, replaces)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'ISSUED', $10)
         ON CONFLICT (certificate_number) DO NOTHING`,
        [
          c.certificateNumber,
          c.exportingParticipant,
          c.importingParticipant,
          c.hsCode,
          c.carats,
          c.valueUsd,
          c.parcels,
          new Date(c.issuedAt),
          new Date(c.expiresAt),
          c.replaces ?? null,
        ],
      );
      if (c.replaces) {
        await tx.query(`UPDATE "${S}".certificate SET replaced_by = $2 WHERE certificate_number = $1`, [c.replaces, c.certificateNumber]);
      }
    });

    this.on(CertificateVoided, async (c, _e, tx) => {
      await this.change(
        tx,
        c.certificateNumber,
        `status = 'VOIDED', withdrawn_at = COALESCE(withdrawn_at, $2), replaced_by = COALESCE($3, replaced_by)`,
        [new Date(c.voidedAt), c.replacedBy ?? null],
      );
    });

    this.on(CertificateReportedLost, async (c, _e, tx) => {
      await this.change(tx, c.certificateNumber, `status = $2, withdrawn_at = COALESCE(withdrawn_at, $3)`, [
        c.kind === 'LOST' ? 'REPORTED_LOST' : 'REPORTED_STOLEN',
        new Date(c.reportedAt),
      ]);
    });

    this.on(CertificateImportConfirmed, async (c, _e, tx) => {
      const confirmedAt = new Date(c.confirmedAt);
      await this.change(tx, c.certificateNumber, `status = 'IMPORT_CONFIRMED', confirmed_at = $2, received_at = $3, received_carats = $4`, [
        confirmedAt,
        new Date(c.receivedAt),
        c.carats,
      ]);
      // What monitoring's own flags asked for has come: they are cleared, on the record.
      await tx.query(
        `UPDATE "${S}".flag SET cleared_at = $2, cleared_by = 'system', justification = $3
          WHERE certificate_number = $1 AND owner = 'monitoring' AND cleared_at IS NULL`,
        [c.certificateNumber, confirmedAt, `Import confirmed by ${c.importingParticipant} on ${c.confirmedAt}.`],
      );
    });

    this.on(CertificateExpired, async (c, _e, tx) => {
      await this.change(tx, c.certificateNumber, `expires_at = $2, expiry_announced_at = COALESCE(expiry_announced_at, now())`, [
        new Date(c.expiresAt),
      ]);
    });

    this.on(FlagRaised, async (f, _e, tx) => {
      // Verification derives flag ids from what raised them, so a rebuild's raise is the same flag.
      await tx.query(
        `INSERT INTO "${S}".flag (id, certificate_number, code, message, source, owner, raised_at)
         VALUES ($1, $2, $3, $4, $5, 'verification', $6) ON CONFLICT (id) DO NOTHING`,
        [f.flagId, f.certificateNumber, f.code, f.message, f.source, new Date(f.raisedAt)],
      );
    });

    this.on(FlagCleared, async (f, _e, tx) => {
      const [, changed] = await tx.query(
        `UPDATE "${S}".flag SET cleared_at = $2, cleared_by = $3, justification = $4 WHERE id = $1 AND cleared_at IS NULL`,
        [f.flagId, new Date(f.clearedAt), f.clearedBy, f.justification],
      );
      if (!changed) this.logger.debug(`flag ${f.flagId} cleared, but not open here (cleared already, or never raised)`);
    });

    this.on(ShipmentConfirmationOverdue, async (s, envelope, tx) => {
      const [certificate] = await tx.query(`SELECT status FROM "${S}".certificate WHERE certificate_number = $1`, [s.certificateNumber]);
      if (certificate?.status === 'IMPORT_CONFIRMED') return; // confirmed meanwhile: nothing is overdue
      await tx.query(
        `INSERT INTO "${S}".flag (id, certificate_number, code, message, source, owner, raised_at)
         VALUES ($1, $2, $3, $4, 'shipments', 'monitoring', $5) ON CONFLICT (id) DO NOTHING`,
        [
          stableUuid(`overdue:${s.shipmentId}`),
          s.certificateNumber,
          MonitoringFlagCodes.confirmationOverdue,
          `The shipment arrived in ${s.importingParticipant} on ${s.arrivedAt}; no import confirmation since ${s.overdueSince}.`,
          new Date(envelope.occurredAt),
        ],
      );
    });
  }

  /**
   * A change to a certificate monitoring must already know: one certificate's events share
   * its key and so arrive in order; an unknown one fails, is retried, then dead-lettered.
   */
  private async change(tx: EntityManager, number: string, set: string, params: unknown[]): Promise<void> {
    const [, changed] = await tx.query(`UPDATE "${S}".certificate SET ${set} WHERE certificate_number = $1`, [number, ...params]);
    if (!changed) throw new Error(`certificate ${number} is not known to monitoring`);
  }
}
