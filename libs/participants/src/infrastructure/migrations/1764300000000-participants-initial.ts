import { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '@kp/kernel';

const S = 'participants';

export class ParticipantsInitial1764300000000 implements MigrationInterface {
  name = 'ParticipantsInitial1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await createMessagingTables(q, S);
    await q.query(`
      CREATE TABLE "${S}".participant (
        code char(2) PRIMARY KEY,
        name text NOT NULL,
        kind text NOT NULL,
        status text NOT NULL,
        members jsonb,
        certificate_validity_days int NOT NULL,
        registered_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE "${S}".app_user (
        username text PRIMARY KEY,
        password_hash text NOT NULL,
        roles text[] NOT NULL,
        participant char(2),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE "${S}".public_signing_key (
        kid text PRIMARY KEY,
        participant char(2) NOT NULL,
        x text NOT NULL,
        status text NOT NULL,
        valid_from timestamptz NOT NULL,
        valid_to timestamptz
      )`);
    await q.query(`CREATE INDEX public_signing_key_participant ON "${S}".public_signing_key (participant)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "${S}".public_signing_key`);
    await q.query(`DROP TABLE "${S}".app_user`);
    await q.query(`DROP TABLE "${S}".participant`);
    await dropMessagingTables(q, S);
  }
}
