import { IsEmail, IsIn, IsOptional, IsString, IsUrl, Length, Matches } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export const AUTHORITY_KINDS = ['EXPORTING', 'IMPORTING'] as const;
export type AuthorityKind = (typeof AUTHORITY_KINDS)[number];

/** A participant's exporting or importing authority: who it is and where it takes notifications. Keyed by participant. */
export class AuthorityUpdatedV1 {
  @Matches(/^[A-Z]{2}$/)
  participant!: string;

  @IsIn(AUTHORITY_KINDS)
  kind!: AuthorityKind;

  @IsString()
  @Length(1, 300)
  name!: string;

  @IsOptional()
  @IsEmail()
  email?: string;

  @IsOptional()
  @IsString()
  phone?: string;

  @IsOptional()
  @IsString()
  address?: string;

  /** Where advance notices and import confirmations are sent (a signed webhook). */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  notificationEndpoint?: string;
}

export const AuthorityUpdated = defineEvent('participants.authority.updated', 1, Topics.participants, AuthorityUpdatedV1);
