import { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '@kp/kernel';

const S = 'verification';

export class VerificationInitial1764300000000 implements MigrationInterface {
  name = 'VerificationInitial1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await createMessagingTables(q, S);
    await q.query(`
      CREATE TABLE "${S}".certificate_view (
        certificate_number text PRIMARY KEY,
        status text NOT NULL,
        exporting_participant char(2) NOT NULL,
        importing_participant char(2) NOT NULL,
        issued_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        summary jsonb NOT NULL,
        events_applied int NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE "${S}".projection_state (
        projection text PRIMARY KEY,
        last_event_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE "${S}".verification_record (
        id uuid PRIMARY KEY,
        certificate_number text NOT NULL,
        verdict text NOT NULL,
        reasons jsonb NOT NULL,
        verified_by text NOT NULL,
        participant char(2),
        judged_at timestamptz NOT NULL,
        checked_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX verification_record_number ON "${S}".verification_record (certificate_number, checked_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "${S}".verification_record`);
    await q.query(`DROP TABLE "${S}".projection_state`);
    await q.query(`DROP TABLE "${S}".certificate_view`);
    await dropMessagingTables(q, S);
  }
}
