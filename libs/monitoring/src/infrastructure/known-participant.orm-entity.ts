import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The registry's participants, as its events describe them (names for reports, codes to check requests). */
@Entity({ name: 'known_participant' })
export class KnownParticipantOrmEntity {
  @PrimaryColumn({ type: 'char', length: 2 })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  status!: string;
}
