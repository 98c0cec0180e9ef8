import { MigrationInterface, QueryRunner } from 'typeorm';

const S = 'certificates';

export class CertificateExpiry1764310000000 implements MigrationInterface {
  name = 'CertificateExpiry1764310000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "${S}".certificate ADD COLUMN expiry_announced_at timestamptz`);
    // The sweep looks only at issued certificates whose expiry has not been announced.
    await q.query(
      `CREATE INDEX certificate_expiry_due ON "${S}".certificate (expires_at) WHERE status = 'ISSUED' AND expiry_announced_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "${S}".certificate_expiry_due`);
    await q.query(`ALTER TABLE "${S}".certificate DROP COLUMN expiry_announced_at`);
  }
}
