import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { MeasureKind, MeasureScope } from '@kp/contracts';

/** The measures the border judges by, fed by participants' events. */
@Entity({ name: 'measure_view' })
@Index('measure_view_participant', ['participant'])
export class MeasureViewOrmEntity {
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
}
