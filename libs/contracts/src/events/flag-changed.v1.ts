import { IsDateString, IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

/** A red flag was raised on a certificate (from the border, an import, a rule). Keyed by certificate number. */
export class FlagRaisedV1 {
  @IsUUID()
  flagId!: string;

  @Matches(/^[A-Z]{2}-\d{4}-\d{6}$/)
  certificateNumber!: string;

  @IsString()
  code!: string;

  @IsString()
  message!: string;

  /** What raised it: `border`, `import-confirmation`, … */
  @IsIn(['border', 'import-confirmation', 'rule', 'monitoring'])
  source!: 'border' | 'import-confirmation' | 'rule' | 'monitoring';

  @IsDateString()
  raisedAt!: string;
}

/** The secretariat cleared a red flag, with its justification on the record. Keyed by certificate number. */
export class FlagClearedV1 {
  @IsUUID()
  flagId!: string;

  @Matches(/^[A-Z]{2}-\d{4}-\d{6}$/)
  certificateNumber!: string;

  @IsString()
  clearedBy!: string;

  @IsString()
  @Length(3, 2000)
  justification!: string;

  @IsDateString()
  clearedAt!: string;

  @IsOptional()
  @IsString()
  code?: string;
}

export const FlagRaised = defineEvent('verification.flag.raised', 1, Topics.flags, FlagRaisedV1);
export const FlagCleared = defineEvent('verification.flag.cleared', 1, Topics.flags, FlagClearedV1);
