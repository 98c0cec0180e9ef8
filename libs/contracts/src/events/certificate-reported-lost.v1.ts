import { IsDateString, IsIn, IsString, Length, Matches } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

/** The issuing authority reported a certificate lost or stolen. Keyed by certificate number. */
export class CertificateReportedLostV1 {
  @Matches(/^[A-Z]{2}-\d{4}-\d{6}$/)
  certificateNumber!: string;

  @IsIn(['LOST', 'STOLEN'])
  kind!: 'LOST' | 'STOLEN';

  @IsString()
  @Length(0, 2000)
  detail!: string;

  @IsDateString()
  reportedAt!: string;
}

export const CertificateReportedLost = defineEvent(
  'certificates.certificate.reported-lost',
  1,
  Topics.certificates,
  CertificateReportedLostV1,
);
