import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  AuthorityUpdated,
  CertificateImportConfirmed,
  CertificateIssued,
  CertificateReportedLost,
  CertificateVoided,
  ParticipantRegistered,
} from '@kp/contracts';
import { EventBus, EventConsumer } from '@kp/kernel';
import { KnownCertificateOrmEntity } from '../infrastructure/known-certificate.orm-entity';
import { KnownParticipantOrmEntity } from '../infrastructure/known-participant.orm-entity';
import { ShipmentOrmEntity } from '../infrastructure/shipment.orm-entity';
import { SHIPMENTS } from '../shipments.constants';

/**
 * Learns the certificates shipments travel under, the participants they may cross and
 * where importing authorities take notices; an import confirmation closes the shipment.
 */
@Injectable()
export class ShipmentsConsumer extends EventConsumer {
  constructor(@InjectDataSource(SHIPMENTS) dataSource: DataSource, bus: EventBus) {
    super(SHIPMENTS, dataSource, bus);
  }

  protected registerHandlers(): void {
    this.on(ParticipantRegistered, async (p, _e, tx) => {
      await tx.query(
        `INSERT INTO "${SHIPMENTS}".known_participant (code, name) VALUES ($1, $2) ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name`,
        [p.code, p.name],
      );
    });
    this.on(AuthorityUpdated, async (a, _e, tx) => {
      if (a.kind !== 'IMPORTING') return;
      await tx.getRepository(KnownParticipantOrmEntity).update({ code: a.participant }, { importingEndpoint: a.notificationEndpoint ?? null });
    });
    this.on(CertificateIssued, async (c, _e, tx) => {
      await tx.getRepository(KnownCertificateOrmEntity).upsert(
        {
          certificateNumber: c.certificateNumber,
          exportingParticipant: c.exportingParticipant,
          importingParticipant: c.importingParticipant,
          carats: c.carats,
          parcels: c.parcels,
          status: 'ISSUED',
        },
        ['certificateNumber'],
      );
    });
    this.on(CertificateVoided, async (c, _e, tx) => {
      await tx.getRepository(KnownCertificateOrmEntity).update({ certificateNumber: c.certificateNumber }, { status: 'VOIDED' });
    });
    this.on(CertificateReportedLost, async (c, _e, tx) => {
      await tx
        .getRepository(KnownCertificateOrmEntity)
        .update({ certificateNumber: c.certificateNumber }, { status: c.kind === 'LOST' ? 'REPORTED_LOST' : 'REPORTED_STOLEN' });
    });
    this.on(CertificateImportConfirmed, async (c, _e, tx) => {
      await tx.getRepository(KnownCertificateOrmEntity).update({ certificateNumber: c.certificateNumber }, { status: 'IMPORT_CONFIRMED' });
      // Closing the loop: the confirmed import ends the live shipment.
      await tx
        .getRepository(ShipmentOrmEntity)
        .update({ certificateNumber: c.certificateNumber, live: true }, { status: 'DELIVERED', live: false, deliveredAt: new Date(c.confirmedAt) });
    });
  }
}
