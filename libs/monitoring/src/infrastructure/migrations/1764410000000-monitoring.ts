import { MigrationInterface, QueryRunner } from 'typeorm';

const S = 'monitoring';

/** The monitoring service's facts (certificates, flags, the registry it needs), its notices and its reports. */
export class Monitoring1764410000000 implements MigrationInterface {
  name = 'Monitoring1764410000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "${S}".certificate (
        certificate_number text PRIMARY KEY,
        exporting_participant char(2) NOT NULL,
        importing_participant char(2) NOT NULL,
        hs_code text NOT NULL,
        carats numeric(14,2) NOT NULL,
        value_usd numeric(16,2) NOT NULL,
        parcels int NOT NULL,
        issued_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        status text NOT NULL,
        replaces text,
        replaced_by text,
        withdrawn_at timestamptz,
        expiry_announced_at timestamptz,
        confirmed_at timestamptz,
        received_at timestamptz,
        received_carats numeric(14,2),
        unconfirmed_flagged_at timestamptz
      )`);
    await q.query(`CREATE INDEX certificate_issued ON "${S}".certificate (issued_at)`);
    await q.query(`CREATE INDEX certificate_confirmed ON "${S}".certificate (confirmed_at)`);
    await q.query(`CREATE INDEX certificate_expires ON "${S}".certificate (expires_at)`);
    await q.query(`
      CREATE TABLE "${S}".flag (
        id uuid PRIMARY KEY,
        certificate_number text NOT NULL,
        code text NOT NULL,
        message text NOT NULL,
        source text NOT NULL,
        owner text NOT NULL,
        raised_at timestamptz NOT NULL,
        cleared_at timestamptz,
        cleared_by text,
        justification text
      )`);
    await q.query(`CREATE INDEX flag_certificate ON "${S}".flag (certificate_number)`);
    await q.query(`CREATE INDEX flag_raised ON "${S}".flag (raised_at)`);
    await q.query(`
      CREATE TABLE "${S}".authority_notification (
        id uuid PRIMARY KEY,
        flag_id uuid NOT NULL REFERENCES "${S}".flag (id),
        certificate_number text NOT NULL,
        kind text NOT NULL,
        recipient char(2) NOT NULL,
        authority text NOT NULL,
        authority_name text,
        email text,
        endpoint text,
        payload jsonb NOT NULL,
        status text NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX authority_notification_certificate ON "${S}".authority_notification (certificate_number)`);
    await q.query(`CREATE INDEX authority_notification_flag ON "${S}".authority_notification (flag_id)`);
    await q.query(`
      CREATE TABLE "${S}".known_participant (
        code char(2) PRIMARY KEY,
        name text NOT NULL,
        status text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE "${S}".known_authority (
        participant char(2) NOT NULL,
        kind text NOT NULL,
        name text NOT NULL,
        email text,
        endpoint text,
        PRIMARY KEY (participant, kind)
      )`);
    await q.query(`
      CREATE TABLE "${S}".report (
        id uuid PRIMARY KEY,
        kind text NOT NULL,
        participant char(2) NOT NULL,
        year int NOT NULL,
        status text NOT NULL,
        requested_by text NOT NULL,
        requested_at timestamptz NOT NULL,
        generated_at timestamptz,
        content jsonb,
        error text
      )`);
    await q.query(`CREATE INDEX report_participant_year ON "${S}".report (participant, year)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['report', 'known_authority', 'known_participant', 'authority_notification', 'flag', 'certificate']) {
      await q.query(`DROP TABLE "${S}".${table}`);
    }
  }
}
