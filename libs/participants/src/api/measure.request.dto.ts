import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsISO8601, IsOptional, IsString, Length, ValidateIf } from 'class-validator';
import { MEASURE_KINDS, MEASURE_SCOPES, MeasureKind, MeasureScope } from '@kp/contracts';

export class ImposeMeasureRequestDto {
  @ApiProperty({ enum: MEASURE_KINDS })
  @IsIn(MEASURE_KINDS)
  kind!: MeasureKind;

  @ApiProperty({ enum: MEASURE_SCOPES })
  @IsIn(MEASURE_SCOPES)
  scope!: MeasureScope;

  @ApiPropertyOptional({ example: ['Berberati'], description: 'Required with scope ZONES: the zones whose goods may pass.' })
  @ValidateIf((o: ImposeMeasureRequestDto) => o.scope === 'ZONES' || o.allowedZones !== undefined)
  @IsArray()
  @ArrayMinSize(1, { message: 'allowedZones must list at least one zone when the scope is ZONES' })
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  allowedZones?: string[];

  @ApiProperty({ example: '2026-12-01T00:00:00Z' })
  @IsISO8601({ strict: true }, { message: 'effectiveFrom must be an ISO 8601 date or date-time' })
  effectiveFrom!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'effectiveTo must be an ISO 8601 date or date-time' })
  effectiveTo?: string;

  @ApiProperty({ example: 'Administrative Decision KP/2026/AD-1' })
  @IsString()
  @Length(3, 1000)
  legalBasis!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 100)
  decisionReference?: string;
}

export class LiftMeasureRequestDto {
  @ApiPropertyOptional({ description: 'When the measure ends; now when absent.' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'effectiveTo must be an ISO 8601 date or date-time' })
  effectiveTo?: string;

  @ApiProperty()
  @IsString()
  @Length(3, 1000)
  legalBasis!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 100)
  decisionReference?: string;
}
