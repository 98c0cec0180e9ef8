import { IsArray, IsDateString, IsIn, IsOptional, IsString } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export const VERDICTS = ['VALID', 'EMBARGOED', 'FLAGGED', 'EXPIRED', 'VOID', 'UNKNOWN'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** A border officer (or anyone allowed) asked the border question. Keyed by certificate number. */
export class VerificationPerformedV1 {
  @IsString()
  verificationId!: string;

  @IsString()
  certificateNumber!: string;

  @IsIn(VERDICTS)
  verdict!: Verdict;

  @IsArray()
  @IsString({ each: true })
  reasonCodes!: string[];

  @IsString()
  verifiedBy!: string;

  @IsOptional()
  @IsString()
  participant?: string;

  @IsDateString()
  checkedAt!: string;
}

export const VerificationPerformed = defineEvent(
  'verification.verification.performed',
  1,
  Topics.verifications,
  VerificationPerformedV1,
);
