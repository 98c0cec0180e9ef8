import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One change of a certificate: who, when, what. Append-only. */
@Entity({ name: 'certificate_history' })
@Index('certificate_history_number', ['certificateNumber', 'id'])
export class CertificateHistoryOrmEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'certificate_number', type: 'text' })
  certificateNumber!: string;

  @Column({ type: 'text' })
  action!: string;

  @Column({ type: 'text' })
  actor!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'jsonb', nullable: true })
  detail!: object | null;
}
