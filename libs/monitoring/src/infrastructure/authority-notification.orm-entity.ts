import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { MonitoringFlagOrmEntity } from './monitoring-flag.orm-entity';

/**
 * A notice to one authority about a flag the monitoring service raised (an unconfirmed
 * import goes to the exporter's exporting authority and the importer's importing
 * authority). The row is the log; delivering it (a signed webhook) is not done here.
 */
@Entity({ name: 'authority_notification' })
@Index('authority_notification_certificate', ['certificateNumber'])
@Index('authority_notification_flag', ['flagId'])
export class AuthorityNotificationOrmEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'flag_id', type: 'uuid' })
  flagId!: string;

  @ManyToOne(() => MonitoringFlagOrmEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'flag_id', foreignKeyConstraintName: 'authority_notification_flag_id_fkey' })
  flag?: MonitoringFlagOrmEntity;

  @Column({ name: 'certificate_number', type: 'text' })
  certificateNumber!: string;

  @Column({ type: 'text' })
  kind!: 'UNCONFIRMED_IMPORT';

  /** The participant whose authority is told. */
  @Column({ type: 'char', length: 2 })
  recipient!: string;

  @Column({ type: 'text' })
  authority!: 'EXPORTING' | 'IMPORTING';

  /** The authority as the registry last described it (null when the registry has not said). */
  @Column({ name: 'authority_name', type: 'text', nullable: true })
  authorityName!: string | null;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'text', nullable: true })
  endpoint!: string | null;

  @Column({ type: 'jsonb' })
  payload!: object;

  /** RECORDED: logged for the authority; no delivery is attempted by this service. */
  @Column({ type: 'text' })
  status!: 'RECORDED';

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
