import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { MeasureKind, MeasureScope } from '@kp/contracts';

/** An embargo or suspension of a participant, effective-dated; lifting sets its end, nothing is deleted. */
@Entity({ name: 'measure' })
@Index('measure_participant', ['participant', 'effectiveFrom'])
export class MeasureOrmEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'char', length: 2 })
  participant!: string;

  @Column({ type: 'text' })
  kind!: MeasureKind;

  @Column({ type: 'text' })
  scope!: MeasureScope;

  @Column({ name: 'allowed_zones', type: 'jsonb' })
  allowedZones!: string[];

  @Column({ name: 'effective_from', type: 'timestamptz' })
  effectiveFrom!: Date;

  @Column({ name: 'effective_to', type: 'timestamptz', nullable: true })
  effectiveTo!: Date | null;

  @Column({ name: 'legal_basis', type: 'text' })
  legalBasis!: string;

  @Column({ name: 'decision_reference', type: 'text', nullable: true })
  decisionReference!: string | null;

  /** Why it ended, when it was lifted. */
  @Column({ name: 'lift_legal_basis', type: 'text', nullable: true })
  liftLegalBasis!: string | null;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy!: string;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
