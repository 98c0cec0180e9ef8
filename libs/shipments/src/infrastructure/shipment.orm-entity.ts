import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type ShipmentStatus = 'DISPATCHED' | 'ARRIVED' | 'INSPECTED' | 'RELEASED' | 'HELD' | 'DELIVERED';

/** A sealed shipment under one certificate, from dispatch to the import confirmation that closes it. */
@Entity({ name: 'shipment' })
@Index('shipment_certificate', ['certificateNumber'])
@Index('shipment_one_live', ['certificateNumber'], { unique: true, where: 'live' })
export class ShipmentOrmEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'certificate_number', type: 'text' })
  certificateNumber!: string;

  @Column({ name: 'exporting_participant', type: 'char', length: 2 })
  exportingParticipant!: string;

  @Column({ name: 'importing_participant', type: 'char', length: 2 })
  importingParticipant!: string;

  @Column({ type: 'jsonb' })
  seals!: string[];

  @Column({ type: 'text', nullable: true })
  carrier!: string | null;

  @Column({ type: 'jsonb' })
  transit!: string[];

  @Column({ type: 'text' })
  status!: ShipmentStatus;

  /** True until the import is confirmed (or the shipment otherwise ends): one live shipment per certificate. */
  @Column({ type: 'boolean' })
  live!: boolean;

  @Column({ name: 'dispatched_by', type: 'text' })
  dispatchedBy!: string;

  @Column({ name: 'dispatched_at', type: 'timestamptz' })
  dispatchedAt!: Date;

  @Column({ name: 'arrived_at', type: 'timestamptz', nullable: true })
  arrivedAt!: Date | null;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  /** When the missing import confirmation was reported to monitoring. */
  @Column({ name: 'overdue_reported_at', type: 'timestamptz', nullable: true })
  overdueReportedAt!: Date | null;
}
