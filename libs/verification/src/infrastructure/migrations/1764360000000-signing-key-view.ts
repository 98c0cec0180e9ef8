import { MigrationInterface, QueryRunner } from 'typeorm';

const S = 'verification';

export class SigningKeyView1764360000000 implements MigrationInterface {
  name = 'SigningKeyView1764360000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "${S}".signing_key_view (
        kid text PRIMARY KEY,
        participant char(2) NOT NULL,
        x text NOT NULL,
        status text NOT NULL,
        valid_from timestamptz NOT NULL,
        valid_to timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "${S}".signing_key_view`);
  }
}
