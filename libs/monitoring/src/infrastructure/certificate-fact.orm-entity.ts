import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { decimal } from '@kp/kernel';

/**
 * The monitoring service's record of one certificate, built from the certificates' events
 * only: what was issued (by whom, for whom, which goods), what became of it, and whether
 * and when its import was confirmed. Statistics and compliance views are queries over it.
 */
@Entity({ name: 'certificate' })
@Index('certificate_issued', ['issuedAt'])
@Index('certificate_confirmed', ['confirmedAt'])
@Index('certificate_expires', ['expiresAt'])
export class CertificateFactOrmEntity {
  @PrimaryColumn({ name: 'certificate_number', type: 'text' })
  certificateNumber!: string;

  @Column({ name: 'exporting_participant', type: 'char', length: 2 })
  exportingParticipant!: string;

  @Column({ name: 'importing_participant', type: 'char', length: 2 })
  importingParticipant!: string;

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

  /** From the issue, or the expiry announcement when it came (the announcer's word is the later one). */
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  /** ISSUED, IMPORT_CONFIRMED, VOIDED, REPORTED_LOST or REPORTED_STOLEN, as the events said. */
  @Column({ type: 'text' })
  status!: string;

  @Column({ type: 'text', nullable: true })
  replaces!: string | null;

  @Column({ name: 'replaced_by', type: 'text', nullable: true })
  replacedBy!: string | null;

  /** When it was voided or reported lost or stolen. */
  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt!: Date | null;

  @Column({ name: 'expiry_announced_at', type: 'timestamptz', nullable: true })
  expiryAnnouncedAt!: Date | null;

  /** When the importing authority confirmed the import: the moment imports are counted. */
  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true })
  confirmedAt!: Date | null;

  @Column({ name: 'received_at', type: 'timestamptz', nullable: true })
  receivedAt!: Date | null;

  @Column({ name: 'received_carats', type: 'numeric', precision: 14, scale: 2, nullable: true, transformer: decimal })
  receivedCarats!: number | null;

  /** When the sweep flagged it as an unconfirmed import (once). */
  @Column({ name: 'unconfirmed_flagged_at', type: 'timestamptz', nullable: true })
  unconfirmedFlaggedAt!: Date | null;
}
