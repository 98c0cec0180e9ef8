import { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '@kp/kernel';

const S = 'reform';

export class ReformInitial1764300000000 implements MigrationInterface {
  name = 'ReformInitial1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await createMessagingTables(q, S);
  }

  async down(q: QueryRunner): Promise<void> {
    await dropMessagingTables(q, S);
  }
}
