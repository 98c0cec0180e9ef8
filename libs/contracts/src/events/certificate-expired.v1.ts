import { IsDateString, Matches } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

/** A certificate reached its expiry date unused (no import confirmed). Keyed by certificate number. */
export class CertificateExpiredV1 {
  @Matches(/^[A-Z]{2}-\d{4}-\d{6}$/)
  certificateNumber!: string;

  @Matches(/^[A-Z]{2}$/)
  exportingParticipant!: string;

  @Matches(/^[A-Z]{2}$/)
  importingParticipant!: string;

  @IsDateString()
  expiresAt!: string;
}

export const CertificateExpired = defineEvent(
  'certificates.certificate.expired',
  1,
  Topics.certificates,
  CertificateExpiredV1,
);
