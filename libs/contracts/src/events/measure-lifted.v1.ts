import { IsDateString, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

/** A measure ends at `effectiveTo`, for the reason in `legalBasis`. Keyed by participant. */
export class MeasureLiftedV1 {
  @IsUUID()
  measureId!: string;

  @Matches(/^[A-Z]{2}$/)
  participant!: string;

  @IsDateString()
  effectiveTo!: string;

  @IsString()
  @Length(1, 1000)
  legalBasis!: string;

  @IsOptional()
  @IsString()
  decisionReference?: string;
}

export const MeasureLifted = defineEvent('participants.measure.lifted', 1, Topics.measures, MeasureLiftedV1);
