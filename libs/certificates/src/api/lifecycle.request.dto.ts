import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsNumber, IsOptional, IsPositive, IsString, Length, Max } from 'class-validator';
import { VOID_REASONS, VoidReason } from '@kp/domain';

export class VoidCertificateRequestDto {
  @ApiProperty({ enum: VOID_REASONS })
  @IsIn(VOID_REASONS, { message: `reason must be one of ${VOID_REASONS.join(', ')}` })
  reason!: VoidReason;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  detail?: string;
}

export class ReportLostRequestDto {
  @ApiProperty({ enum: ['LOST', 'STOLEN'] })
  @IsIn(['LOST', 'STOLEN'])
  kind!: 'LOST' | 'STOLEN';

  @ApiProperty({ example: 'Courier reported the pouch missing at transit hub.' })
  @IsString()
  @Length(1, 2000)
  detail!: string;
}

export class ImportConfirmationRequestDto {
  @ApiProperty({ example: '2026-12-02T10:00:00Z' })
  @IsISO8601({ strict: true }, { message: 'receivedAt must be an ISO 8601 date-time' })
  receivedAt!: string;

  @ApiProperty()
  @IsInt()
  @IsPositive()
  @Max(100000)
  parcels!: number;

  @ApiProperty()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 }, { message: 'carats must be a number with at most two decimals' })
  @IsPositive()
  @Max(1e9)
  carats!: number;

  @ApiProperty()
  @IsBoolean()
  sealIntact!: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  remarks?: string;
}
