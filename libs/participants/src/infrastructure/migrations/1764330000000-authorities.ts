import { MigrationInterface, QueryRunner } from 'typeorm';

const S = 'participants';

export class Authorities1764330000000 implements MigrationInterface {
  name = 'Authorities1764330000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "${S}".authority (
        participant char(2) NOT NULL,
        kind text NOT NULL,
        name text NOT NULL,
        email text,
        phone text,
        address text,
        notification_endpoint text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (participant, kind)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "${S}".authority`);
  }
}
