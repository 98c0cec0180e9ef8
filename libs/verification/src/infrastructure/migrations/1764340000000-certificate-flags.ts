import { MigrationInterface, QueryRunner } from 'typeorm';

const S = 'verification';

export class CertificateFlags1764340000000 implements MigrationInterface {
  name = 'CertificateFlags1764340000000';

  async up(q: QueryRunner): Promise<void> {
    // Red flags raised on a certificate after its issue (import discrepancies; later, border findings).
    await q.query(`ALTER TABLE "${S}".certificate_view ADD COLUMN flags jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "${S}".certificate_view DROP COLUMN flags`);
  }
}
