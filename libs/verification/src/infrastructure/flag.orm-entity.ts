import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A red flag on a certificate: raised by a finding, open until the secretariat clears it with a justification. */
@Entity({ name: 'flag' })
@Index('flag_certificate', ['certificateNumber'])
@Index('flag_open', ['raisedAt'], { where: 'cleared_at IS NULL' })
export class FlagOrmEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'certificate_number', type: 'text' })
  certificateNumber!: string;

  @Column({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  message!: string;

  @Column({ type: 'text' })
  source!: string;

  @Column({ name: 'raised_at', type: 'timestamptz' })
  raisedAt!: Date;

  @Column({ name: 'cleared_at', type: 'timestamptz', nullable: true })
  clearedAt!: Date | null;

  @Column({ name: 'cleared_by', type: 'text', nullable: true })
  clearedBy!: string | null;

  @Column({ type: 'text', nullable: true })
  justification!: string | null;
}
