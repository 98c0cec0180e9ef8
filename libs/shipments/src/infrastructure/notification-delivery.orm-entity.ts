import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type DeliveryStatus = 'PENDING' | 'DELIVERED' | 'FAILED' | 'NO_ENDPOINT';

/** One notice to one authority, and how its delivery went: the delivery log. */
@Entity({ name: 'notification_delivery' })
@Index('notification_delivery_shipment', ['shipmentId'])
export class NotificationDeliveryOrmEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'shipment_id', type: 'uuid' })
  shipmentId!: string;

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
