import { MigrationInterface, QueryRunner } from 'typeorm';

const S = 'verification';

export class Flags1764350000000 implements MigrationInterface {
  name = 'Flags1764350000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "${S}".flag (
        id uuid PRIMARY KEY,
        certificate_number text NOT NULL,
        code text NOT NULL,
        message text NOT NULL,
        source text NOT NULL,
        raised_at timestamptz NOT NULL,
        cleared_at timestamptz,
        cleared_by text,
        justification text
      )`);
    await q.query(`CREATE INDEX flag_certificate ON "${S}".flag (certificate_number)`);
    await q.query(`CREATE INDEX flag_open ON "${S}".flag (raised_at) WHERE cleared_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "${S}".flag`);
  }
}
