import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { CertificateStatus } from '@kp/domain';
import { decimal } from '@kp/kernel';

/** Extra fields a participant prints on its certificates. */
export type NationalFields = Record<string, string | number | boolean | null>;

export interface PartyColumn {
  name: string;
  address: string;
}

@Entity({ name: 'certificate' })
@Index('certificate_exporting', ['exportingParticipant', 'issuedAt'])
@Index('certificate_importing', ['importingParticipant', 'issuedAt'])
@Index('certificate_expiry_due', ['expiresAt'], { where: `status = 'ISSUED' AND expiry_announced_at IS NULL` })
@Index('certificate_replaces', ['replaces'], { unique: true, where: 'replaces IS NOT NULL' })
export class CertificateOrmEntity {
  @PrimaryColumn({ name: 'certificate_number', type: 'text' })
  certificateNumber!: string;

  @Column({ name: 'exporting_participant', type: 'char', length: 2 })
  exportingParticipant!: string;

  @Column({ name: 'importing_participant', type: 'char', length: 2 })
  importingParticipant!: string;

  @Column({ type: 'text' })
  status!: CertificateStatus;

  @Column({ type: 'jsonb' })
  exporter!: PartyColumn;

  @Column({ type: 'jsonb' })
  importer!: PartyColumn;

  @Column({ type: 'jsonb' })
  origin!: { countries: string[]; zones?: string[] };

  @Column({ name: 'hs_code', type: 'text' })
  hsCode!: string;

  @Column({ type: 'numeric', precision: 14, scale: 2, transformer: decimal })
  carats!: number;

  @Column({ name: 'value_usd', type: 'numeric', precision: 16, scale: 2, transformer: decimal })
  valueUsd!: number;

  @Column({ type: 'int' })
  parcels!: number;

  @Column({ name: 'issued_at', type: 'timestamptz' })
  issuedAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'issued_by', type: 'text' })
  issuedBy!: string;

  @Column({ type: 'text' })
  kid!: string;

  /** The compact JWS over the number and every Annex I field, printed as the QR code. */
  @Column({ type: 'text' })
  qr!: string;

  /** The certificate this one replaced, if any. */
  @Column({ type: 'text', nullable: true })
  replaces!: string | null;

  /** When the expiry was announced (the event published); null while not expired or not yet swept. */
  @Column({ name: 'expiry_announced_at', type: 'timestamptz', nullable: true })
  expiryAnnouncedAt!: Date | null;

  @Column({ name: 'national_fields', type: 'jsonb', nullable: true })
  nationalFields!: NationalFields | null;
}
