import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CertificateStatus } from '@kp/domain';

/** What the border needs to know about one certificate, kept current from the certificates' events. */
@Entity({ name: 'certificate_view' })
export class CertificateViewOrmEntity {
  @PrimaryColumn({ name: 'certificate_number', type: 'text' })
  certificateNumber!: string;

  @Column({ type: 'text' })
  status!: CertificateStatus;

  @Column({ name: 'exporting_participant', type: 'char', length: 2 })
  exportingParticipant!: string;

  @Column({ name: 'importing_participant', type: 'char', length: 2 })
  importingParticipant!: string;

  @Column({ name: 'issued_at', type: 'timestamptz' })
  issuedAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  /** The summary a border officer sees: parties, origin, HS code, carats, value, parcels. */
  @Column({ type: 'jsonb' })
  summary!: Record<string, unknown>;

  /** Red flags raised after issue, each with its code and what was found. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  flags!: { id: string; code: string; message: string; source: string }[];

  /** How many events shaped this row; the inbox keeps it at one per event. */
  @Column({ name: 'events_applied', type: 'int' })
  eventsApplied!: number;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
