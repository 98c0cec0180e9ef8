import { Type } from 'class-transformer';
import { IsArray, IsDateString, IsIn, IsOptional, IsString, IsUUID, Matches, ValidateNested } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export const PROPOSAL_KINDS = ['EMBARGO_IMPOSE', 'EMBARGO_LIFT', 'DEFINITION_CHANGE', 'ADMINISTRATIVE_DECISION'] as const;
export type ProposalKind = (typeof PROPOSAL_KINDS)[number];

export class DecisionEffectV1 {
  @Matches(/^[A-Z]{2}$/)
  participant!: string;

  @IsOptional()
  @IsIn(['ALL', 'ZONES'])
  scope?: 'ALL' | 'ZONES';

  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  allowedZones?: string[];
}

/**
 * The plenary (or a written procedure) adopted a decision by consensus. Decisions with
 * effects (imposing or lifting an embargo) take effect in the registry, and so at the
 * border. Keyed by the participant it concerns (the reference when none), so one
 * participant's decisions apply in order.
 */
export class DecisionAdoptedV1 {
  @Matches(/^KP\/\d{4}\/AD-\d+$/)
  reference!: string;

  @IsUUID()
  proposalId!: string;

  @IsIn(PROPOSAL_KINDS)
  kind!: ProposalKind;

  @IsString()
  title!: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => DecisionEffectV1)
  effect?: DecisionEffectV1;

  @IsIn(['PLENARY', 'WRITTEN_PROCEDURE'])
  procedure!: 'PLENARY' | 'WRITTEN_PROCEDURE';

  @IsDateString()
  adoptedAt!: string;
}

export const DecisionAdopted = defineEvent('reform.decision.adopted', 1, Topics.decisions, DecisionAdoptedV1);
