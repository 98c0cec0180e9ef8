import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { AuthorityKind } from '@kp/contracts';

/** A participant's exporting or importing authority, with its contacts and notification endpoint. */
@Entity({ name: 'authority' })
export class AuthorityOrmEntity {
  @PrimaryColumn({ type: 'char', length: 2 })
  participant!: string;

  @PrimaryColumn({ type: 'text' })
  kind!: AuthorityKind;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Column({ type: 'text', nullable: true })
  address!: string | null;

  @Column({ name: 'notification_endpoint', type: 'text', nullable: true })
  notificationEndpoint!: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
