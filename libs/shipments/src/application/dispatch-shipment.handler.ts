import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { DataSource, In, QueryFailedError } from 'typeorm';
import { ShipmentDispatched } from '@kp/contracts';
import { isCountryCode } from '@kp/domain';
import { AuthenticatedUser, conflict, forbidden, invalid, KpConfig, notFound, OutboxWriter, Queues, ruleViolation } from '@kp/kernel';
import { DispatchShipmentRequestDto } from '../api/shipment.request.dto';
import { KnownCertificateOrmEntity } from '../infrastructure/known-certificate.orm-entity';
import { KnownParticipantOrmEntity } from '../infrastructure/known-participant.orm-entity';
import { NotificationDeliveryOrmEntity } from '../infrastructure/notification-delivery.orm-entity';
import { ShipmentOrmEntity } from '../infrastructure/shipment.orm-entity';
import { SHIPMENTS } from '../shipments.constants';
import { shipmentView } from './shipment.view';

/**
 * Dispatches a sealed shipment under an issued certificate: one live shipment per
 * certificate, transit only through participants. The importing authority's advance
 * notice is logged in the same transaction and delivered by a job, so a failing
 * endpoint never holds the shipment back.
 */
@Injectable()
export class DispatchShipmentHandler {
  constructor(
    @InjectDataSource(SHIPMENTS) private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    @InjectQueue(Queues.shipmentNotifications) private readonly notifications: Queue,
    private readonly config: KpConfig,
  ) {}

  async execute(user: AuthenticatedUser, request: DispatchShipmentRequestDto) {
    const certificate = await this.dataSource
      .getRepository(KnownCertificateOrmEntity)
      .findOneBy({ certificateNumber: request.certificateNumber });
    if (!certificate) throw notFound('CERTIFICATE_NOT_FOUND', `No certificate ${request.certificateNumber}.`);
    if (certificate.exportingParticipant !== user.participant) {
      throw forbidden('NOT_YOUR_CERTIFICATE', `Only ${certificate.exportingParticipant}'s officers dispatch under this certificate.`);
    }
    if (certificate.status !== 'ISSUED') {
      throw conflict('CERTIFICATE_NOT_USABLE', `A certificate that is ${certificate.status} cannot cover a shipment.`);
    }
    const transit = request.route?.transit ?? [];
    const malformed = transit.filter((code) => !isCountryCode(code));
    if (malformed.length) {
      throw invalid('MALFORMED_TRANSIT', `${malformed.join(', ')} is not an ISO 3166-1 alpha-2 code.`, {
        errors: [{ field: 'route.transit', message: 'transit must hold ISO 3166-1 alpha-2 codes' }],
      });
    }
    const participants = this.dataSource.getRepository(KnownParticipantOrmEntity);
    const known = new Set((await participants.findBy({ code: In(transit) })).map((p) => p.code));
    const outsiders = transit.filter((code) => !known.has(code));
    if (outsiders.length) {
      throw ruleViolation(
        'TRANSIT_NOT_A_PARTICIPANT',
        `${outsiders.join(', ')} ${outsiders.length === 1 ? 'is' : 'are'} not Kimberley Process participants: rough diamonds may not transit there.`,
      );
    }
    const importer = await participants.findOneBy({ code: certificate.importingParticipant });
    const now = new Date();
    const shipment = this.dataSource.getRepository(ShipmentOrmEntity).create({
      id: randomUUID(),
      certificateNumber: certificate.certificateNumber,
      exportingParticipant: certificate.exportingParticipant,
      importingParticipant: certificate.importingParticipant,
      seals: request.seals,
      carrier: request.carrier ?? null,
      transit,
      status: 'DISPATCHED',
      live: true,
      dispatchedBy: user.username,
      dispatchedAt: now,
      arrivedAt: null,
      deliveredAt: null,
      overdueReportedAt: null,
    });
    const notice = {
      type: 'kp.advance-notice',
      shipmentId: shipment.id,
      certificateNumber: certificate.certificateNumber,
      exportingParticipant: certificate.exportingParticipant,
      importingParticipant: certificate.importingParticipant,
      carats: certificate.carats,
      parcels: certificate.parcels,
      seals: shipment.seals,
      carrier: shipment.carrier,
      transit,
      dispatchedAt: now.toISOString(),
    };
    const delivery = this.dataSource.getRepository(NotificationDeliveryOrmEntity).create({
      id: randomUUID(),
      shipmentId: shipment.id,
      kind: 'ADVANCE_NOTICE',
      recipient: certificate.importingParticipant,
      endpoint: importer?.importingEndpoint ?? null,
      payload: notice,
      status: importer?.importingEndpoint ? 'PENDING' : 'NO_ENDPOINT',
      attempts: 0,
      lastError: importer?.importingEndpoint ? null : 'the importing authority has no notification endpoint',
      createdAt: now,
      deliveredAt: null,
    });
    try {
      await this.dataSource.transaction(async (tx) => {
        await tx.getRepository(ShipmentOrmEntity).insert(shipment);
        await tx.getRepository(NotificationDeliveryOrmEntity).insert(delivery);
        await this.outbox.append(tx, ShipmentDispatched, certificate.certificateNumber, {
          shipmentId: shipment.id,
          certificateNumber: certificate.certificateNumber,
          exportingParticipant: certificate.exportingParticipant,
          importingParticipant: certificate.importingParticipant,
          seals: shipment.seals,
          ...(shipment.carrier ? { carrier: shipment.carrier } : {}),
          transit,
          dispatchedAt: now.toISOString(),
        });
      });
    } catch (error) {
      if (error instanceof QueryFailedError && (error as { code?: string }).code === '23505') {
        throw conflict('SHIPMENT_ALREADY_LIVE', `Certificate ${certificate.certificateNumber} already covers a live shipment.`);
      }
      throw error;
    }
    if (delivery.status === 'PENDING') await this.enqueue(delivery.id);
    return shipmentView(shipment);
  }

  /** The job id is the delivery's, so enqueuing twice (after a restart, say) delivers once. */
  async enqueue(deliveryId: string): Promise<void> {
    await this.notifications.add(
      'deliver',
      { deliveryId },
      {
        jobId: deliveryId,
        attempts: this.config.KP_WEBHOOK_ATTEMPTS,
        backoff: { type: 'exponential', delay: this.config.KP_WEBHOOK_BACKOFF_MS },
      },
    );
  }
}
