import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { BorderEventRecorded } from '@kp/contracts';
import { borderFindings } from '@kp/domain';
import { AuthenticatedUser, conflict, forbidden, invalid, KpConfig, notFound, OutboxWriter } from '@kp/kernel';
import { BorderEventRequestDto } from '../api/shipment.request.dto';
import { BorderEventOrmEntity } from '../infrastructure/border-event.orm-entity';
import { KnownCertificateOrmEntity } from '../infrastructure/known-certificate.orm-entity';
import { ShipmentOrmEntity, ShipmentStatus } from '../infrastructure/shipment.orm-entity';
import { SHIPMENTS } from '../shipments.constants';
import { borderEventView } from './shipment.view';

/**
 * Records what customs saw where the shipment is: at the importing participant's
 * border or a listed transit participant's. What an inspection or a hold finds becomes
 * a red flag on the certificate (the verification service raises it from the event).
 */
@Injectable()
export class RecordBorderEventHandler {
  constructor(
    @InjectDataSource(SHIPMENTS) private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly config: KpConfig,
  ) {}

  async execute(user: AuthenticatedUser, shipmentId: string, request: BorderEventRequestDto) {
    const at = request.at ? new Date(request.at) : new Date();
    if (at.getTime() > Date.now() + 5 * 60_000) {
      throw invalid('EVENT_IN_FUTURE', 'at cannot be in the future.', { errors: [{ field: 'at', message: 'at cannot be in the future' }] });
    }
    return this.dataSource.transaction(async (tx) => {
      const shipment = await tx.getRepository(ShipmentOrmEntity).findOne({ where: { id: shipmentId }, lock: { mode: 'pessimistic_write' } });
      if (!shipment) throw notFound('SHIPMENT_NOT_FOUND', `No shipment ${shipmentId}.`);
      const where = user.participant;
      if (!where || (where !== shipment.importingParticipant && !shipment.transit.includes(where))) {
        throw forbidden(
          'NOT_YOUR_BORDER',
          `Only customs of ${[shipment.importingParticipant, ...shipment.transit].join(', ')} record events for this shipment.`,
        );
      }
      if (!shipment.live) throw conflict('SHIPMENT_CLOSED', `This shipment was ${shipment.status.toLowerCase()}; it takes no more border events.`);
      const certificate = await tx.getRepository(KnownCertificateOrmEntity).findOneByOrFail({ certificateNumber: shipment.certificateNumber });
      const findings = borderFindings(certificate, request, this.config.KP_WEIGHT_TOLERANCE_PERCENT / 100);
      const event = tx.getRepository(BorderEventOrmEntity).create({
        id: randomUUID(),
        shipmentId,
        type: request.type,
        participant: where,
        recordedBy: user.username,
        at,
        sealIntact: request.sealIntact ?? null,
        measuredCarats: request.measuredCarats ?? null,
        parcelsCounted: request.parcelsCounted ?? null,
        remarks: request.remarks ?? null,
        findings,
      });
      await tx.getRepository(BorderEventOrmEntity).insert(event);
      const status: ShipmentStatus = request.type;
      await tx.getRepository(ShipmentOrmEntity).update(
        { id: shipmentId },
        { status, ...(request.type === 'ARRIVED' && !shipment.arrivedAt && where === shipment.importingParticipant ? { arrivedAt: at } : {}) },
      );
      await this.outbox.append(tx, BorderEventRecorded, shipment.certificateNumber, {
        eventId: event.id,
        shipmentId,
        certificateNumber: shipment.certificateNumber,
        type: request.type,
        participant: where,
        recordedBy: user.username,
        at: at.toISOString(),
        ...(request.sealIntact !== undefined ? { sealIntact: request.sealIntact } : {}),
        ...(request.measuredCarats !== undefined ? { measuredCarats: request.measuredCarats } : {}),
        ...(request.parcelsCounted !== undefined ? { parcelsCounted: request.parcelsCounted } : {}),
        ...(request.remarks ? { remarks: request.remarks } : {}),
        findings,
      });
      return borderEventView(event);
    });
  }
}
