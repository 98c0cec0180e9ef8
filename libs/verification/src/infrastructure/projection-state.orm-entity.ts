import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How fresh the read model is: the newest event it has applied. */
@Entity({ name: 'projection_state' })
export class ProjectionStateOrmEntity {
  @PrimaryColumn({ type: 'text' })
  projection!: string;

  @Column({ name: 'last_event_at', type: 'timestamptz' })
  lastEventAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
