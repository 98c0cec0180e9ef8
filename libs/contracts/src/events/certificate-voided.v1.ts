import { IsDateString, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export const VOID_EVENT_REASONS = [
  'PRINTER_ERROR',
  'LOST_IN_TRANSIT',
  'TRANSPOSITION_ERROR',
  'SHIPMENT_CANCELLED',
  'SHIPMENT_RETURNED',
  'CERTIFICATE_SURRENDERED',
  'REPLACED',
] as const;

/** The issuing authority voided a certificate (or replaced it). Keyed by certificate number. */
export class CertificateVoidedV1 {
  @Matches(/^[A-Z]{2}-\d{4}-\d{6}$/)
  certificateNumber!: string;

  @IsIn(VOID_EVENT_REASONS)
  reason!: (typeof VOID_EVENT_REASONS)[number];

  @IsOptional()
  @IsString()
  @Length(0, 2000)
  detail?: string;

  /** The certificate that replaces it, when it was replaced. */
  @IsOptional()
  @Matches(/^[A-Z]{2}-\d{4}-\d{6}$/)
  replacedBy?: string;

  @IsDateString()
  voidedAt!: string;
}

export const CertificateVoided = defineEvent('certificates.certificate.voided', 1, Topics.certificates, CertificateVoidedV1);
