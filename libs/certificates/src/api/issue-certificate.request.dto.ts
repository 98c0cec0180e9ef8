import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsNotEmptyObject,
  IsNumber,
  IsObject,
  IsOptional,
  IsPositive,
  IsString,
  Length,
  Matches,
  Max,
  registerDecorator,
  ValidateNested,
  ValidationOptions,
} from 'class-validator';
import { HS_CODES } from '@kp/contracts';
import { EU, isCountryCode } from '@kp/domain';

/** ISO 3166-1 alpha-2, or `EU` when `allowEu`. */
function IsParticipantOrCountryCode(allowEu: boolean, options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isCountryCode',
      target: object.constructor,
      propertyName,
      options: {
        message: allowEu
          ? `${propertyName} must be an ISO 3166-1 alpha-2 country code or EU`
          : `${propertyName} must hold ISO 3166-1 alpha-2 country codes`,
        ...options,
      },
      validator: { validate: (value: unknown) => isCountryCode(value) && (allowEu || value !== EU) },
    });
}

export class PartyDto {
  @ApiProperty({ example: 'Okavango Diamond Company' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: 'Plot 63, Gaborone, Botswana' })
  @IsString()
  @Length(1, 500)
  address!: string;
}

export class OriginDto {
  @ApiProperty({ example: ['BW'], description: 'Countries of origin; several for a parcel of mixed origin.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(60)
  @ArrayUnique()
  @IsParticipantOrCountryCode(false, { each: true })
  countries!: string[];

  @ApiPropertyOptional({ example: ['Orapa'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  zones?: string[];
}

/** The Annex I fields an exporting authority fills in; the number, dates and signature are the platform's. */
export class IssueCertificateRequestDto {
  @ApiPropertyOptional({ example: 'BW', description: "The officer's own participant; any other is refused (403)." })
  @IsOptional()
  @IsParticipantOrCountryCode(true)
  exportingParticipant?: string;

  @ApiProperty({ example: 'AE' })
  @IsParticipantOrCountryCode(true)
  importingParticipant!: string;

  @ApiProperty({ type: PartyDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => PartyDto)
  exporter!: PartyDto;

  @ApiProperty({ type: PartyDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => PartyDto)
  importer!: PartyDto;

  @ApiProperty({ type: OriginDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => OriginDto)
  origin!: OriginDto;

  @ApiProperty({ enum: HS_CODES })
  @IsIn(HS_CODES, { message: `hsCode must be one of ${HS_CODES.join(', ')} (rough diamonds)` })
  hsCode!: (typeof HS_CODES)[number];

  @ApiProperty({ example: 1250.5 })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 }, { message: 'carats must be a number with at most two decimals' })
  @IsPositive()
  @Max(1e9)
  carats!: number;

  @ApiProperty({ example: 187500 })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 }, { message: 'valueUsd must be a number of US dollars with at most two decimals' })
  @IsPositive()
  @Max(1e12)
  valueUsd!: number;

  @ApiProperty({ example: 3 })
  @IsInt()
  @IsPositive()
  @Max(100000)
  parcels!: number;

  @ApiPropertyOptional({ example: '2027-01-31', description: "Default: the exporting participant's validity period." })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/, {
    message: 'expiresAt must be an ISO 8601 date (YYYY-MM-DD) or date-time',
  })
  expiresAt?: string;

  @ApiPropertyOptional({ description: 'Extra fields a participant prints on its certificates.' })
  @IsOptional()
  @IsObject()
  @IsNotEmptyObject()
  nationalFields?: Record<string, unknown>;
}
