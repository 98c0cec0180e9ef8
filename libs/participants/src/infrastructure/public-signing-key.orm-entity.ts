import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** The public half of a participant's certificate signing key, as the certificates service published it. */
@Entity({ name: 'public_signing_key' })
@Index('public_signing_key_participant', ['participant'])
export class PublicSigningKeyOrmEntity {
  @PrimaryColumn({ type: 'text' })
  kid!: string;

  @Column({ type: 'char', length: 2 })
  participant!: string;

  @Column({ type: 'text' })
  x!: string;

  @Column({ type: 'text' })
  status!: 'ACTIVE' | 'RETIRED';

  @Column({ name: 'valid_from', type: 'timestamptz' })
  validFrom!: Date;

  @Column({ name: 'valid_to', type: 'timestamptz', nullable: true })
  validTo!: Date | null;
}
