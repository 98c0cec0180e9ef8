import { MigrationInterface, QueryRunner } from 'typeorm';

const S = 'reform';

export class Reform1764400000000 implements MigrationInterface {
  name = 'Reform1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "${S}".cycle (
        id text PRIMARY KEY,
        name text NOT NULL,
        mandate text NOT NULL,
        starts_on date NOT NULL,
        ends_on date NOT NULL
      )`);
    await q.query(`
      CREATE TABLE "${S}".sub_team (
        id text PRIMARY KEY,
        cycle_id text NOT NULL REFERENCES "${S}".cycle (id),
        name text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE "${S}".proposal (
        id uuid PRIMARY KEY,
        title text NOT NULL,
        kind text NOT NULL,
        effect jsonb,
        rationale text NOT NULL,
        sub_team text REFERENCES "${S}".sub_team (id),
        status text NOT NULL,
        submitted_by text NOT NULL,
        participant char(2),
        submitted_at timestamptz NOT NULL,
        decision_reference text
      )`);
    await q.query(`
      CREATE TABLE "${S}".position (
        proposal_id uuid NOT NULL REFERENCES "${S}".proposal (id),
        participant char(2) NOT NULL,
        position text NOT NULL,
        statement text,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL,
        PRIMARY KEY (proposal_id, participant)
      )`);
    await q.query(`
      CREATE TABLE "${S}".comment (
        id uuid PRIMARY KEY,
        proposal_id uuid NOT NULL REFERENCES "${S}".proposal (id),
        author text NOT NULL,
        author_roles text[] NOT NULL,
        body text NOT NULL,
        at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX comment_proposal ON "${S}".comment (proposal_id, at)`);
    await q.query(`
      CREATE TABLE "${S}".decision (
        reference text PRIMARY KEY,
        proposal_id uuid NOT NULL UNIQUE REFERENCES "${S}".proposal (id),
        kind text NOT NULL,
        title text NOT NULL,
        effects jsonb,
        procedure text NOT NULL,
        adopted_by text NOT NULL,
        adopted_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE "${S}".decision_counter (
        year int PRIMARY KEY,
        last_number int NOT NULL
      )`);
    await q.query(`
      CREATE TABLE "${S}".definition_version (
        version int PRIMARY KEY,
        text text NOT NULL,
        decision_reference text,
        adopted_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE "${S}".meeting (
        id uuid PRIMARY KEY,
        kind text NOT NULL,
        title text NOT NULL,
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        agenda jsonb NOT NULL,
        minutes text,
        created_by text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE "${S}".testimony (
        id uuid PRIMARY KEY,
        title text NOT NULL,
        body text NOT NULL,
        community text,
        protect_identity boolean NOT NULL,
        submitted_by text,
        submitted_by_sealed text,
        submitted_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE "${S}".testimony_disclosure (
        id bigserial PRIMARY KEY,
        testimony_id uuid NOT NULL REFERENCES "${S}".testimony (id),
        disclosed_to text NOT NULL,
        at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE "${S}".record_entry (
        seq bigint PRIMARY KEY,
        kind text NOT NULL,
        ref text NOT NULL,
        payload jsonb NOT NULL,
        at timestamptz NOT NULL,
        prev_hash text NOT NULL,
        hash text NOT NULL
      )`);
    // The open record is append-only: the database itself refuses edits and deletions.
    await q.query(`
      CREATE FUNCTION "${S}".record_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the reform record is append-only';
      END $$`);
    await q.query(`
      CREATE TRIGGER record_entry_append_only BEFORE UPDATE OR DELETE ON "${S}".record_entry
      FOR EACH ROW EXECUTE FUNCTION "${S}".record_entry_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER record_entry_append_only ON "${S}".record_entry`);
    await q.query(`DROP FUNCTION "${S}".record_entry_append_only()`);
    for (const t of ['record_entry', 'testimony_disclosure', 'testimony', 'meeting', 'definition_version', 'decision_counter', 'decision', 'comment', 'position', 'proposal', 'sub_team', 'cycle']) {
      await q.query(`DROP TABLE "${S}".${t}`);
    }
  }
}
