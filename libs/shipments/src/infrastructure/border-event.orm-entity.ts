import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ShipmentOrmEntity } from './shipment.orm-entity';
import type { BorderEventType } from '@kp/contracts';
import { decimal } from '@kp/kernel';

/** What customs recorded at a border post, with what it found. Append-only. */
@Entity({ name: 'border_event' })
@Index('border_event_shipment', ['shipmentId', 'at'])
export class BorderEventOrmEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'shipment_id', type: 'uuid' })
  shipmentId!: string;

  @ManyToOne(() => ShipmentOrmEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'shipment_id', foreignKeyConstraintName: 'border_event_shipment_id_fkey' })
  shipment?: ShipmentOrmEntity;

  @Column({ type: 'text' })
  type!: BorderEventType;

  @Column({ type: 'char', length: 2 })
  participant!: string;

  @Column({ name: 'recorded_by', type: 'text' })
  recordedBy!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ name: 'seal_intact', type: 'boolean', nullable: true })
  sealIntact!: boolean | null;

  @Column({ name: 'measured_carats', type: 'numeric', precision: 14, scale: 2, nullable: true, transformer: decimal })
  measuredCarats!: number | null;

  @Column({ name: 'parcels_counted', type: 'int', nullable: true })
  parcelsCounted!: number | null;

  @Column({ type: 'text', nullable: true })
  remarks!: string | null;

  @Column({ type: 'jsonb' })
  findings!: { code: string; message: string }[];
}
