import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { MAX_LIMIT } from '../application/cursor';

const PARTICIPANT = /^[A-Z]{2}$/;
const PARTICIPANT_MESSAGE = 'participant must be a participant code such as BW or EU';

export class PeriodQueryDto {
  @ApiPropertyOptional({ example: 2026, description: 'Calendar year (UTC); every year when absent.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'year must be a whole year such as 2026' })
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ example: 4, description: 'Quarter 1 to 4 of the year (needs year); the whole year when absent.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'quarter must be 1, 2, 3 or 4' })
  @Min(1)
  @Max(4)
  quarter?: number;

  @ApiPropertyOptional({ example: 'BW' })
  @IsOptional()
  @Matches(PARTICIPANT, { message: PARTICIPANT_MESSAGE })
  participant?: string;
}

class PageQueryDto {
  @ApiPropertyOptional({ example: 50, description: `At most ${MAX_LIMIT}.` })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_LIMIT)
  limit?: number;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page.' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  cursor?: string;
}

export class UnconfirmedImportsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: '2027-03-01T00:00:00Z', description: 'The moment to judge (default now).' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'at must be an ISO 8601 date-time' })
  at?: string;

  @ApiPropertyOptional({ example: 'AE', description: 'Either side: the exporter or the importer.' })
  @IsOptional()
  @Matches(PARTICIPANT, { message: PARTICIPANT_MESSAGE })
  participant?: string;
}

export class FlagsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'BW', description: "The certificate's exporter or importer." })
  @IsOptional()
  @Matches(PARTICIPANT, { message: PARTICIPANT_MESSAGE })
  participant?: string;

  @ApiPropertyOptional({ example: 'SEAL_BROKEN' })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_]{1,63}$/, { message: 'code must be a flag code such as SEAL_BROKEN' })
  code?: string;

  @ApiPropertyOptional({ enum: ['open', 'cleared', 'all'], description: 'Default open.' })
  @IsOptional()
  @IsIn(['open', 'cleared', 'all'])
  status?: 'open' | 'cleared' | 'all';

  @ApiPropertyOptional({ example: 'BW-2026-000042' })
  @IsOptional()
  @Matches(/^[A-Z]{2}-\d{4}-\d{6}$/, { message: 'certificateNumber must look like BW-2026-000042' })
  certificateNumber?: string;
}

export class ClearMonitoringFlagRequestDto {
  @ApiProperty({ example: 'Import confirmed on paper; the authority is entering it.' })
  @IsString()
  @Length(3, 2000)
  justification!: string;
}

export class RequestReportDto {
  @ApiProperty({ example: 'BW' })
  @Matches(PARTICIPANT, { message: PARTICIPANT_MESSAGE })
  participant!: string;

  @ApiProperty({ example: 2026 })
  @IsInt({ message: 'year must be a whole year such as 2026' })
  @Min(2000)
  @Max(2100)
  year!: number;
}

export class ReportsQueryDto {
  @ApiPropertyOptional({ example: 'BW' })
  @IsOptional()
  @Matches(PARTICIPANT, { message: PARTICIPANT_MESSAGE })
  participant?: string;

  @ApiPropertyOptional({ example: 2026 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}

export class ReportQueryDto {
  @ApiPropertyOptional({ enum: ['json', 'csv'], description: 'Default json.' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

export class PublishedStatisticsQueryDto {
  @ApiProperty({ example: 2025, description: 'A year that has ended.' })
  @Type(() => Number)
  @IsInt({ message: 'year must be a whole year such as 2025' })
  @Min(2000)
  @Max(2100)
  year!: number;
}
