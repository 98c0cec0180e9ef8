import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Every verification performed: who asked, about what, when, and the answer. */
@Entity({ name: 'verification_record' })
@Index('verification_record_number', ['certificateNumber', 'checkedAt'])
export class VerificationRecordOrmEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'certificate_number', type: 'text' })
  certificateNumber!: string;

  @Column({ type: 'text' })
  verdict!: string;

  @Column({ type: 'jsonb' })
  reasons!: { code: string; message: string; legalBasis?: string }[];

  @Column({ name: 'verified_by', type: 'text' })
  verifiedBy!: string;

  @Column({ type: 'char', length: 2, nullable: true })
  participant!: string | null;

  @Column({ name: 'judged_at', type: 'timestamptz' })
  judgedAt!: Date;

  @Column({ name: 'checked_at', type: 'timestamptz' })
  checkedAt!: Date;
}
