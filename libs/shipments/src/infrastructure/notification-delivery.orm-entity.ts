import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ShipmentOrmEntity } from './shipment.orm-entity';

export type DeliveryStatus = 'PENDING' | 'DELIVERED' | 'FAILED' | 'NO_ENDPOINT';

/** One notice to one authority, and how its delivery went: the delivery log. */
@Entity({ name: 'notification_delivery' })
@Index('notification_delivery_shipment', ['shipmentId'])
@Index('notification_delivery_pending', ['createdAt'], { where: `status = 'PENDING'` })
export class NotificationDeliveryOrmEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'shipment_id', type: 'uuid' })
  shipmentId!: string;

  @ManyToOne(() => ShipmentOrmEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'shipment_id', foreignKeyConstraintName: 'notification_delivery_shipment_id_fkey' })
  shipment?: ShipmentOrmEntity;

  @Column({ type: 'text' })
  kind!: 'ADVANCE_NOTICE';

  @Column({ type: 'char', length: 2 })
  recipient!: string;

  @Column({ type: 'text', nullable: true })
  endpoint!: string | null;

  @Column({ type: 'jsonb' })
  payload!: object;

  @Column({ type: 'text' })
  status!: DeliveryStatus;

  @Column({ type: 'int' })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;
}
