import { BorderEventOrmEntity } from '../infrastructure/border-event.orm-entity';
import { NotificationDeliveryOrmEntity } from '../infrastructure/notification-delivery.orm-entity';
import { ShipmentOrmEntity } from '../infrastructure/shipment.orm-entity';

export function shipmentView(s: ShipmentOrmEntity) {
  return {
    id: s.id,
    certificateNumber: s.certificateNumber,
    exportingParticipant: s.exportingParticipant,
    importingParticipant: s.importingParticipant,
    seals: s.seals,
    carrier: s.carrier,
    route: { transit: s.transit },
    status: s.status,
    live: s.live,
    dispatchedBy: s.dispatchedBy,
    dispatchedAt: s.dispatchedAt.toISOString(),
    arrivedAt: s.arrivedAt?.toISOString() ?? null,
    deliveredAt: s.deliveredAt?.toISOString() ?? null,
  };
}

export function borderEventView(e: BorderEventOrmEntity) {
  return {
    id: e.id,
    shipmentId: e.shipmentId,
    type: e.type,
    participant: e.participant,
    recordedBy: e.recordedBy,
    at: e.at.toISOString(),
    sealIntact: e.sealIntact,
    measuredCarats: e.measuredCarats,
    parcelsCounted: e.parcelsCounted,
    remarks: e.remarks,
    findings: e.findings,
  };
}

export function deliveryView(d: NotificationDeliveryOrmEntity) {
  return {
    id: d.id,
    kind: d.kind,
    recipient: d.recipient,
    endpoint: d.endpoint,
    status: d.status,
    attempts: d.attempts,
    lastError: d.lastError,
    createdAt: d.createdAt.toISOString(),
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
  };
}
