import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'participant' })
export class ParticipantOrmEntity {
  @PrimaryColumn({ type: 'char', length: 2 })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  kind!: 'STATE' | 'REIO';

  @Column({ type: 'text' })
  status!: 'ACTIVE' | 'SUSPENDED';

  @Column({ type: 'jsonb', nullable: true })
  members!: string[] | null;

  @Column({ name: 'certificate_validity_days', type: 'int' })
  certificateValidityDays!: number;

  @CreateDateColumn({ name: 'registered_at', type: 'timestamptz' })
  registeredAt!: Date;
}
