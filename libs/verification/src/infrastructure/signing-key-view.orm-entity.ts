import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Participants' public signing keys, for checking the QR codes officers present. */
@Entity({ name: 'signing_key_view' })
export class SigningKeyViewOrmEntity {
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
