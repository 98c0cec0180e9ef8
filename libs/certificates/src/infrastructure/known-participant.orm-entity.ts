import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The certificates service's copy of the registry, fed by participants' events. */
@Entity({ name: 'known_participant' })
export class KnownParticipantOrmEntity {
  @PrimaryColumn({ type: 'char', length: 2 })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  status!: 'ACTIVE' | 'SUSPENDED';

  @Column({ name: 'certificate_validity_days', type: 'int' })
  certificateValidityDays!: number;
}
