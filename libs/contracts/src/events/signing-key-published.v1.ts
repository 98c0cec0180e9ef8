import { IsDateString, IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

/**
 * A participant's certificate signing key was published (or its status changed).
 * Only the public half travels; keyed by participant code so a participant's keys stay in order.
 */
export class SigningKeyPublishedV1 {
  @Matches(/^[A-Z]{2}$/)
  participant!: string;

  @IsString()
  kid!: string;

  /** Public key, base64url (the JWK `x` member of an OKP/Ed25519 key). */
  @Matches(/^[A-Za-z0-9_-]{43}$/)
  x!: string;

  @IsIn(['ACTIVE', 'RETIRED'])
  status!: 'ACTIVE' | 'RETIRED';

  @IsDateString()
  validFrom!: string;

  @IsOptional()
  @IsDateString()
  validTo?: string;
}

export const SigningKeyPublished = defineEvent(
  'certificates.signing-key.published',
  1,
  Topics.signingKeys,
  SigningKeyPublishedV1,
);
