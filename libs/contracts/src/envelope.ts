import { Type } from 'class-transformer';
import { IsDateString, IsInt, IsObject, IsOptional, IsString, IsUUID, Min, MinLength } from 'class-validator';

/**
 * The one envelope every event travels in, on Kafka and in-process alike.
 * `aggregateId` is the Kafka message key, so one aggregate's events stay in order.
 */
export interface EventEnvelope<P = unknown> {
  id: string;
  type: string;
  version: number;
  occurredAt: string;
  producer: string;
  aggregateId: string;
  correlationId?: string;
  payload: P;
}

/** Validation rules for the envelope itself; payloads are validated by their own classes. */
export class EventEnvelopeDto implements EventEnvelope<Record<string, unknown>> {
  @IsUUID()
  id!: string;

  @IsString()
  @MinLength(3)
  type!: string;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  version!: number;

  @IsDateString()
  occurredAt!: string;

  @IsString()
  @MinLength(1)
  producer!: string;

  @IsString()
  @MinLength(1)
  aggregateId!: string;

  @IsOptional()
  @IsString()
  correlationId?: string;

  @IsObject()
  payload!: Record<string, unknown>;
}
