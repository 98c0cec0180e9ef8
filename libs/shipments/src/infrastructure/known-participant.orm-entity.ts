import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Participants and their authorities' notification endpoints, fed by the registry's events. */
@Entity({ name: 'known_participant' })
export class KnownParticipantOrmEntity {
  @PrimaryColumn({ type: 'char', length: 2 })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'importing_endpoint', type: 'text', nullable: true })
  importingEndpoint!: string | null;
}
