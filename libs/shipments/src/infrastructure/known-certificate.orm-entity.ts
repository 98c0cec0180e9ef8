import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CertificateStatus } from '@kp/domain';
import { decimal } from '@kp/kernel';

/** The shipments service's copy of what it needs of each certificate, fed by the certificates' events. */
@Entity({ name: 'known_certificate' })
export class KnownCertificateOrmEntity {
  @PrimaryColumn({ name: 'certificate_number', type: 'text' })
  certificateNumber!: string;

  @Column({ name: 'exporting_participant', type: 'char', length: 2 })
  exportingParticipant!: string;

  @Column({ name: 'importing_participant', type: 'char', length: 2 })
  importingParticipant!: string;

  @Column({ type: 'numeric', precision: 14, scale: 2, transformer: decimal })
  carats!: number;

  @Column({ type: 'int' })
  parcels!: number;

  @Column({ type: 'text' })
  status!: CertificateStatus;
}
