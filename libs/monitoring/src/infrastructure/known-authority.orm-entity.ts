import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A participant's exporting or importing authority and where it takes notices, from the registry's events. */
@Entity({ name: 'known_authority' })
export class KnownAuthorityOrmEntity {
  @PrimaryColumn({ type: 'char', length: 2 })
  participant!: string;

  @PrimaryColumn({ type: 'text' })
  kind!: 'EXPORTING' | 'IMPORTING';

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'text', nullable: true })
  endpoint!: string | null;
}
