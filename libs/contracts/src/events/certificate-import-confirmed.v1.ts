import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsDateString, IsIn, IsInt, IsNumber, IsOptional, IsPositive, IsString, Matches, ValidateNested } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export class ImportDiscrepancyV1 {
  @IsIn(['WEIGHT_MISMATCH', 'PARCELS_MISMATCH', 'SEAL_BROKEN'])
  code!: 'WEIGHT_MISMATCH' | 'PARCELS_MISMATCH' | 'SEAL_BROKEN';

  @IsString()
  message!: string;
}

/** The importing authority confirmed receipt, closing the loop; discrepancies raise flags. Keyed by certificate number. */
export class CertificateImportConfirmedV1 {
  @Matches(/^[A-Z]{2}-\d{4}-\d{6}$/)
  certificateNumber!: string;

  @Matches(/^[A-Z]{2}$/)
  exportingParticipant!: string;

  @Matches(/^[A-Z]{2}$/)
  importingParticipant!: string;

  @IsDateString()
  receivedAt!: string;

  @IsInt()
  @IsPositive()
  parcels!: number;

  @IsNumber({ maxDecimalPlaces: 2 })
  @IsPositive()
  carats!: number;

  @IsBoolean()
  sealIntact!: boolean;

  @IsOptional()
  @IsString()
  remarks?: string;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ImportDiscrepancyV1)
  discrepancies!: ImportDiscrepancyV1[];

  @IsDateString()
  confirmedAt!: string;
}

export const CertificateImportConfirmed = defineEvent(
  'certificates.certificate.import-confirmed',
  1,
  Topics.certificates,
  CertificateImportConfirmedV1,
);
