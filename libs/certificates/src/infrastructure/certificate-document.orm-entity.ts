import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A certificate's printable PDF, rendered once by a job and kept. */
@Entity({ name: 'certificate_document' })
export class CertificateDocumentOrmEntity {
  @PrimaryColumn({ name: 'certificate_number', type: 'text' })
  certificateNumber!: string;

  @Column({ type: 'bytea' })
  pdf!: Buffer;

  @Column({ name: 'rendered_at', type: 'timestamptz' })
  renderedAt!: Date;

  /** How often it was rendered: 1 unless a render raced another. */
  @Column({ name: 'render_count', type: 'int' })
  renderCount!: number;
}
