import { MigrationInterface, QueryRunner } from 'typeorm';

const S = 'verification';

export class MeasureView1764320000000 implements MigrationInterface {
  name = 'MeasureView1764320000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "${S}".measure_view (
        id uuid PRIMARY KEY,
        participant char(2) NOT NULL,
        kind text NOT NULL,
        scope text NOT NULL,
        allowed_zones jsonb NOT NULL,
        effective_from timestamptz NOT NULL,
        effective_to timestamptz,
        legal_basis text NOT NULL,
        decision_reference text
      )`);
    await q.query(`CREATE INDEX measure_view_participant ON "${S}".measure_view (participant)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "${S}".measure_view`);
  }
}
