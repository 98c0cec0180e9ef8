import { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '@kp/kernel';

const S = 'certificates';

export class CertificatesInitial1764300000000 implements MigrationInterface {
  name = 'CertificatesInitial1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await createMessagingTables(q, S);
    await q.query(`
      CREATE TABLE "${S}".certificate (
        certificate_number text PRIMARY KEY,
        exporting_participant char(2) NOT NULL,
        importing_participant char(2) NOT NULL,
        status text NOT NULL,
        exporter jsonb NOT NULL,
        importer jsonb NOT NULL,
        origin jsonb NOT NULL,
        hs_code text NOT NULL,
        carats numeric(14,2) NOT NULL,
        value_usd numeric(16,2) NOT NULL,
        parcels int NOT NULL,
        issued_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        issued_by text NOT NULL,
        kid text NOT NULL,
        qr text NOT NULL,
        national_fields jsonb
      )`);
    await q.query(`CREATE INDEX certificate_exporting ON "${S}".certificate (exporting_participant, issued_at)`);
    await q.query(`CREATE INDEX certificate_importing ON "${S}".certificate (importing_participant, issued_at)`);
    await q.query(`
      CREATE TABLE "${S}".certificate_history (
        id bigserial PRIMARY KEY,
        certificate_number text NOT NULL,
        action text NOT NULL,
        actor text NOT NULL,
        at timestamptz NOT NULL,
        detail jsonb
      )`);
    await q.query(`CREATE INDEX certificate_history_number ON "${S}".certificate_history (certificate_number, id)`);
    // One row per participant and year; its row lock serialises numbering, so serials never repeat or skip.
    await q.query(`
      CREATE TABLE "${S}".certificate_serial (
        participant char(2) NOT NULL,
        year int NOT NULL,
        last_serial int NOT NULL,
        PRIMARY KEY (participant, year)
      )`);
    await q.query(`
      CREATE TABLE "${S}".signing_key (
        kid text PRIMARY KEY,
        participant char(2) NOT NULL,
        x text NOT NULL,
        wrapped_private_key text NOT NULL,
        status text NOT NULL,
        valid_from timestamptz NOT NULL,
        valid_to timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX signing_key_one_active ON "${S}".signing_key (participant) WHERE status = 'ACTIVE'`);
    await q.query(`
      CREATE TABLE "${S}".known_participant (
        code char(2) PRIMARY KEY,
        name text NOT NULL,
        status text NOT NULL,
        certificate_validity_days int NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['known_participant', 'signing_key', 'certificate_serial', 'certificate_history', 'certificate']) {
      await q.query(`DROP TABLE "${S}".${table}`);
    }
    await dropMessagingTables(q, S);
  }
}
