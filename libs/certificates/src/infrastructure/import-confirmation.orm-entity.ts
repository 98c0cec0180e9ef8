import { Column, Entity, PrimaryColumn } from 'typeorm';
import { decimal } from '@kp/kernel';

/** The importing authority's confirmation of receipt: one per certificate. */
@Entity({ name: 'import_confirmation' })
export class ImportConfirmationOrmEntity {
  @PrimaryColumn({ name: 'certificate_number', type: 'text' })
  certificateNumber!: string;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ type: 'int' })
  parcels!: number;

  @Column({ type: 'numeric', precision: 14, scale: 2, transformer: decimal })
  carats!: number;

  @Column({ name: 'seal_intact', type: 'boolean' })
  sealIntact!: boolean;

  @Column({ type: 'text', nullable: true })
  remarks!: string | null;

  @Column({ type: 'jsonb' })
  discrepancies!: { code: string; message: string }[];

  @Column({ name: 'confirmed_by', type: 'text' })
  confirmedBy!: string;

  @Column({ name: 'confirmed_at', type: 'timestamptz' })
  confirmedAt!: Date;
}
