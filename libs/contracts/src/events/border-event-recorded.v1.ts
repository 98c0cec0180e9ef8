import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsDateString, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Matches, Min, ValidateNested } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export const BORDER_EVENT_TYPES = ['ARRIVED', 'INSPECTED', 'RELEASED', 'HELD'] as const;
export type BorderEventType = (typeof BORDER_EVENT_TYPES)[number];

export const BORDER_FINDING_CODES = ['SEAL_BROKEN', 'WEIGHT_MISMATCH', 'PARCELS_MISMATCH', 'HELD_AT_BORDER'] as const;
export type BorderFindingCode = (typeof BORDER_FINDING_CODES)[number];

export class BorderFindingV1 {
  @IsIn(BORDER_FINDING_CODES)
  code!: BorderFindingCode;

  @IsString()
  message!: string;
}

/**
 * Customs recorded what happened at a border post: arrival, inspection (with what it
 * found), release or hold. Findings become red flags on the certificate. Keyed by certificate number.
 */
export class BorderEventRecordedV1 {
  @IsUUID()
  eventId!: string;

  @IsUUID()
  shipmentId!: string;

  @Matches(/^[A-Z]{2}-\d{4}-\d{6}$/)
  certificateNumber!: string;

  @IsIn(BORDER_EVENT_TYPES)
  type!: BorderEventType;

  /** Where it happened: the participant whose customs recorded it. */
  @Matches(/^[A-Z]{2}$/)
  participant!: string;

  @IsString()
  recordedBy!: string;

  @IsDateString()
  at!: string;

  @IsOptional()
  @IsBoolean()
  sealIntact?: boolean;

  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  measuredCarats?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  parcelsCounted?: number;

  @IsOptional()
  @IsString()
  remarks?: string;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => BorderFindingV1)
  findings!: BorderFindingV1[];
}

export const BorderEventRecorded = defineEvent('shipments.shipment.border-event-recorded', 1, Topics.shipments, BorderEventRecordedV1);
