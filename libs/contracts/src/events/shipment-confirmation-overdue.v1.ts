import { IsDateString, IsUUID, Matches } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

/** A shipment arrived but its import has not been confirmed within the grace period. Keyed by certificate number. */
export class ShipmentConfirmationOverdueV1 {
  @IsUUID()
  shipmentId!: string;

  @Matches(/^[A-Z]{2}-\d{4}-\d{6}$/)
  certificateNumber!: string;

  @Matches(/^[A-Z]{2}$/)
  importingParticipant!: string;

  @IsDateString()
  arrivedAt!: string;

  @IsDateString()
  overdueSince!: string;
}

export const ShipmentConfirmationOverdue = defineEvent(
  'shipments.shipment.confirmation-overdue',
  1,
  Topics.shipments,
  ShipmentConfirmationOverdueV1,
);
