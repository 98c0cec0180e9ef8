import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type ReportStatus = 'PENDING' | 'READY' | 'FAILED';

/** A report the secretariat asked for, computed by a job and kept as it was computed. */
@Entity({ name: 'report' })
@Index('report_participant_year', ['participant', 'year'])
export class ReportOrmEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'char', length: 2 })
  participant!: string;

  @Column({ type: 'int' })
  year!: number;

  @Column({ type: 'text' })
  status!: ReportStatus;

  @Column({ name: 'requested_by', type: 'text' })
  requestedBy!: string;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt!: Date;

  @Column({ name: 'generated_at', type: 'timestamptz', nullable: true })
  generatedAt!: Date | null;

  @Column({ type: 'jsonb', nullable: true })
  content!: object | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;
}
