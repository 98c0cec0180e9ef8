import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { FlagOwner } from '../monitoring.constants';

/**
 * Every red flag across the system: verification's (from its raised and cleared events)
 * and the monitoring service's own (unconfirmed imports, overdue confirmations).
 */
@Entity({ name: 'flag' })
@Index('flag_certificate', ['certificateNumber'])
@Index('flag_raised', ['raisedAt'])
export class MonitoringFlagOrmEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'certificate_number', type: 'text' })
  certificateNumber!: string;

  @Column({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  message!: string;

  /** What raised it: `border`, `import-confirmation`, `rule`, `monitoring`, `shipments`. */
  @Column({ type: 'text' })
  source!: string;

  /** The service that keeps it, and so where it is cleared. */
  @Column({ type: 'text' })
  owner!: FlagOwner;

  @Column({ name: 'raised_at', type: 'timestamptz' })
  raisedAt!: Date;

  @Column({ name: 'cleared_at', type: 'timestamptz', nullable: true })
  clearedAt!: Date | null;

  @Column({ name: 'cleared_by', type: 'text', nullable: true })
  clearedBy!: string | null;

  @Column({ type: 'text', nullable: true })
  justification!: string | null;
}
