import { MigrationInterface, QueryRunner } from 'typeorm';

const S = 'certificates';

export class CertificateDocuments1764330000000 implements MigrationInterface {
  name = 'CertificateDocuments1764330000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "${S}".certificate_document (
        certificate_number text PRIMARY KEY,
        pdf bytea NOT NULL,
        rendered_at timestamptz NOT NULL,
        render_count int NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "${S}".certificate_document`);
  }
}
