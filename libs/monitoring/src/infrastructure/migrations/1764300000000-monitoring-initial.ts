import { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '@kp/kernel';

const S = 'monitoring';

export class MonitoringInitial1764300000000 implements MigrationInterface {
  name = 'MonitoringInitial1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await createMessagingTables(q, S);
  }

  async down(q: QueryRunner): Promise<void> {
    await dropMessagingTables(q, S);
  }
}
