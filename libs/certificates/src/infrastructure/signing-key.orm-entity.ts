import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A participant's Ed25519 signing key; the private half is stored wrapped under the key-encryption key. */
@Entity({ name: 'signing_key' })
@Index('signing_key_one_active', ['participant'], { unique: true, where: `status = 'ACTIVE'` })
export class SigningKeyOrmEntity {
  @PrimaryColumn({ type: 'text' })
  kid!: string;

  @Column({ type: 'char', length: 2 })
  participant!: string;

  /** Public key, base64url (JWK `x`). */
  @Column({ type: 'text' })
  x!: string;

  @Column({ name: 'wrapped_private_key', type: 'text' })
  wrappedPrivateKey!: string;

  @Column({ type: 'text' })
  status!: 'ACTIVE' | 'RETIRED';

  @Column({ name: 'valid_from', type: 'timestamptz' })
  validFrom!: Date;

  @Column({ name: 'valid_to', type: 'timestamptz', nullable: true })
  validTo!: Date | null;
}
