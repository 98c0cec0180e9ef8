import { ArrayMaxSize, IsArray, IsDateString, IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export const MEASURE_KINDS = ['EMBARGO', 'SUSPENSION'] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];
export const MEASURE_SCOPES = ['ALL', 'ZONES'] as const;
export type MeasureScope = (typeof MEASURE_SCOPES)[number];

/**
 * A restriction on a participant, effective-dated. An EMBARGO covers goods of that origin
 * and the certificates the participant issues (a ZONES scope lets goods from the allowed
 * zones through); a SUSPENSION stops the participant trading at all. Keyed by participant.
 */
export class MeasureImposedV1 {
  @IsUUID()
  measureId!: string;

  @Matches(/^[A-Z]{2}$/)
  participant!: string;

  @IsIn(MEASURE_KINDS)
  kind!: MeasureKind;

  @IsIn(MEASURE_SCOPES)
  scope!: MeasureScope;

  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  allowedZones!: string[];

  @IsDateString()
  effectiveFrom!: string;

  @IsOptional()
  @IsDateString()
  effectiveTo?: string;

  @IsString()
  @Length(1, 1000)
  legalBasis!: string;

  @IsOptional()
  @IsString()
  decisionReference?: string;
}

export const MeasureImposed = defineEvent('participants.measure.imposed', 1, Topics.measures, MeasureImposedV1);
