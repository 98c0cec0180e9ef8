import { IsArray, IsIn, IsInt, IsOptional, IsString, Length, Matches, Min } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

/** A KP participant entered the registry, or its registry entry changed. Keyed by participant code. */
export class ParticipantRegisteredV1 {
  @Matches(/^[A-Z]{2}$/)
  code!: string;

  @IsString()
  @Length(1, 200)
  name!: string;

  @IsIn(['STATE', 'REIO'])
  kind!: 'STATE' | 'REIO';

  @IsIn(['ACTIVE', 'SUSPENDED'])
  status!: 'ACTIVE' | 'SUSPENDED';

  @IsOptional()
  @IsArray()
  @Matches(/^[A-Z]{2}$/, { each: true })
  members?: string[];

  @IsInt()
  @Min(1)
  certificateValidityDays!: number;
}

export const ParticipantRegistered = defineEvent(
  'participants.participant.registered',
  1,
  Topics.participants,
  ParticipantRegisteredV1,
);
