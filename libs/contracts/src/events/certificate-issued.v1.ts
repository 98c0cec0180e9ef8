import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDateString,
  IsDefined,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export const HS_CODES = ['7102.10', '7102.21', '7102.31'] as const;
export type HsCode = (typeof HS_CODES)[number];

export class PartyV1 {
  @IsString()
  @Length(1, 200)
  name!: string;

  @IsString()
  @Length(1, 500)
  address!: string;
}

export class OriginV1 {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(60)
  @Matches(/^[A-Z]{2}$/, { each: true })
  countries!: string[];

  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  zones?: string[];
}

export class SignatureRefV1 {
  @IsString()
  kid!: string;

  @IsIn(['Ed25519'])
  alg!: 'Ed25519';
}

/** A certificate was validated by its exporting authority. Keyed by certificate number. */
export class CertificateIssuedV1 {
  @Matches(/^[A-Z]{2}-\d{4}-\d{6}$/)
  certificateNumber!: string;

  @Matches(/^[A-Z]{2}$/)
  exportingParticipant!: string;

  @Matches(/^[A-Z]{2}$/)
  importingParticipant!: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => PartyV1)
  exporter!: PartyV1;

  @IsDefined()
  @ValidateNested()
  @Type(() => PartyV1)
  importer!: PartyV1;

  @IsDefined()
  @ValidateNested()
  @Type(() => OriginV1)
  origin!: OriginV1;

  @IsIn(HS_CODES)
  hsCode!: HsCode;

  @IsNumber({ maxDecimalPlaces: 2 })
  @IsPositive()
  carats!: number;

  @IsNumber()
  @IsPositive()
  valueUsd!: number;

  @IsInt()
  @IsPositive()
  parcels!: number;

  @IsDateString()
  issuedAt!: string;

  @IsDateString()
  expiresAt!: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => SignatureRefV1)
  signature!: SignatureRefV1;

  /** The certificate this one replaces (voided in the same transaction). */
  @IsOptional()
  @Matches(/^[A-Z]{2}-\d{4}-\d{6}$/)
  replaces?: string;

  /** The compact JWS printed as the QR code. */
  @IsString()
  qr!: string;
}

export const CertificateIssued = defineEvent(
  'certificates.certificate.issued',
  1,
  Topics.certificates,
  CertificateIssuedV1,
);
