import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsObject,
  IsOptional,
  IsPositive,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { BORDER_EVENT_TYPES, BorderEventType } from '@kp/contracts';

export class RouteDto {
  @ApiPropertyOptional({ example: ['ZA'], description: 'Participants the shipment crosses unopened.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @Matches(/^[A-Z]{2}$/, { each: true, message: 'transit must hold ISO 3166-1 alpha-2 codes' })
  transit?: string[];
}

export class DispatchShipmentRequestDto {
  @ApiProperty({ example: 'BW-2026-000042' })
  @Matches(/^[A-Z]{2}-\d{4}-\d{6}$/, { message: 'certificateNumber must look like BW-2026-000042' })
  certificateNumber!: string;

  @ApiProperty({ example: ['BW-SEAL-0001'] })
  @IsArray()
  @ArrayMinSize(1, { message: 'seals must list at least one tamper-evident seal' })
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsString({ each: true })
  @Length(1, 64, { each: true })
  seals!: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  carrier?: string;

  @ApiPropertyOptional({ type: RouteDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => RouteDto)
  route?: RouteDto;
}

export class BorderEventRequestDto {
  @ApiProperty({ enum: BORDER_EVENT_TYPES })
  @IsIn(BORDER_EVENT_TYPES)
  type!: BorderEventType;

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'at must be an ISO 8601 date-time' })
  at?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  sealIntact?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 }, { message: 'measuredCarats must be a number with at most two decimals' })
  @IsPositive()
  @Max(1e9)
  measuredCarats?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100000)
  parcelsCounted?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  remarks?: string;
}
