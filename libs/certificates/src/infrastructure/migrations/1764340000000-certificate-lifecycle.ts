import { MigrationInterface, QueryRunner } from 'typeorm';

const S = 'certificates';

export class CertificateLifecycle1764340000000 implements MigrationInterface {
  name = 'CertificateLifecycle1764340000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "${S}".certificate ADD COLUMN replaces text`);
    await q.query(`CREATE UNIQUE INDEX certificate_replaces ON "${S}".certificate (replaces) WHERE replaces IS NOT NULL`);
    await q.query(`
      CREATE TABLE "${S}".import_confirmation (
        certificate_number text PRIMARY KEY,
        received_at timestamptz NOT NULL,
        parcels int NOT NULL,
        carats numeric(14,2) NOT NULL,
        seal_intact boolean NOT NULL,
        remarks text,
        discrepancies jsonb NOT NULL,
        confirmed_by text NOT NULL,
        confirmed_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "${S}".import_confirmation`);
    await q.query(`DROP INDEX "${S}".certificate_replaces`);
    await q.query(`ALTER TABLE "${S}".certificate DROP COLUMN replaces`);
  }
}
