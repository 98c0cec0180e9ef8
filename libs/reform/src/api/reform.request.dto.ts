import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';
import { PROPOSAL_KINDS, ProposalKind } from '@kp/contracts';

export class ProposalEffectDto {
  @ApiPropertyOptional({ example: 'CF' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'participant must be a participant code such as CF' })
  participant?: string;

  @ApiPropertyOptional({ enum: ['ALL', 'ZONES'] })
  @IsOptional()
  @IsIn(['ALL', 'ZONES'])
  scope?: 'ALL' | 'ZONES';

  @ApiPropertyOptional()
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  allowedZones?: string[];

  /** DEFINITION_CHANGE: the new text of the conflict diamond definition. */
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(20, 5000)
  definition?: string;
}

export class SubmitProposalRequestDto {
  @ApiProperty()
  @IsString()
  @Length(5, 300)
  title!: string;

  @ApiProperty({ enum: PROPOSAL_KINDS })
  @IsIn(PROPOSAL_KINDS)
  kind!: ProposalKind;

  @ApiPropertyOptional({ type: ProposalEffectDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ProposalEffectDto)
  effect?: ProposalEffectDto;

  @ApiProperty()
  @IsString()
  @Length(10, 20000)
  rationale!: string;

  @ApiPropertyOptional({ example: 'DEFINITION', description: 'The sub-team it belongs to (see GET /api/v1/reform/cycles).' })
  @IsOptional()
  @IsString()
  subTeam?: string;
}

export class PositionRequestDto {
  @ApiProperty({ enum: ['SUPPORT', 'OBJECT', 'ABSTAIN'] })
  @IsIn(['SUPPORT', 'OBJECT', 'ABSTAIN'])
  position!: 'SUPPORT' | 'OBJECT' | 'ABSTAIN';

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 5000)
  statement?: string;
}

export class CommentRequestDto {
  @ApiProperty()
  @IsString()
  @Length(1, 10000)
  body!: string;
}

export class DecisionRequestDto {
  @ApiPropertyOptional({ enum: ['PLENARY', 'WRITTEN_PROCEDURE'] })
  @IsOptional()
  @IsIn(['PLENARY', 'WRITTEN_PROCEDURE'])
  procedure?: 'PLENARY' | 'WRITTEN_PROCEDURE';
}

export class TestimonyRequestDto {
  @ApiProperty()
  @IsString()
  @Length(3, 300)
  title!: string;

  @ApiProperty()
  @IsString()
  @Length(10, 50000)
  body!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  community?: string;

  @ApiProperty()
  @IsBoolean()
  protectIdentity!: boolean;
}

export class MeetingRequestDto {
  @ApiProperty({ enum: ['INTERSESSIONAL', 'PLENARY'] })
  @IsIn(['INTERSESSIONAL', 'PLENARY'])
  kind!: 'INTERSESSIONAL' | 'PLENARY';

  @ApiProperty()
  @IsString()
  @Length(3, 300)
  title!: string;

  @ApiProperty()
  @IsISO8601({ strict: true })
  startsOn!: string;

  @ApiProperty()
  @IsISO8601({ strict: true })
  endsOn!: string;

  @ApiPropertyOptional({ description: 'Proposal ids on the agenda.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  agenda?: string[];
}

export class MinutesRequestDto {
  @ApiProperty()
  @IsString()
  @Length(1, 100000)
  minutes!: string;
}
