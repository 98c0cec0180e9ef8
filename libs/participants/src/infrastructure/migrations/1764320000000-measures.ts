import { MigrationInterface, QueryRunner } from 'typeorm';

const S = 'participants';

export class Measures1764320000000 implements MigrationInterface {
  name = 'Measures1764320000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "${S}".measure (
        id uuid PRIMARY KEY,
        participant char(2) NOT NULL,
        kind text NOT NULL,
        scope text NOT NULL,
        allowed_zones jsonb NOT NULL,
        effective_from timestamptz NOT NULL,
        effective_to timestamptz,
        legal_basis text NOT NULL,
        decision_reference text,
        lift_legal_basis text,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX measure_participant ON "${S}".measure (participant, effective_from)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "${S}".measure`);
  }
}
