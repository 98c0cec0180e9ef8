import { ArrayMaxSize, ArrayMinSize, IsArray, IsDateString, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

/** A sealed shipment left the exporter under a certificate. Keyed by certificate number (one certificate, one shipment). */
export class ShipmentDispatchedV1 {
  @IsUUID()
  shipmentId!: string;

  @Matches(/^[A-Z]{2}-\d{4}-\d{6}$/)
  certificateNumber!: string;

  @Matches(/^[A-Z]{2}$/)
  exportingParticipant!: string;

  @Matches(/^[A-Z]{2}$/)
  importingParticipant!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  seals!: string[];

  @IsOptional()
  @IsString()
  carrier?: string;

  @IsArray()
  @Matches(/^[A-Z]{2}$/, { each: true })
  transit!: string[];

  @IsDateString()
  dispatchedAt!: string;
}

export const ShipmentDispatched = defineEvent('shipments.shipment.dispatched', 1, Topics.shipments, ShipmentDispatchedV1);
