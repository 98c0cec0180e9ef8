import { MigrationInterface, QueryRunner } from 'typeorm';

const S = 'verification';
const CHANNEL = 'kp_verification_certificate_view';
/** Above this many rows in one statement, one `*` (read everything again) instead of a number each. */
const MANY = 1000;

/**
 * Every committed change of the border's read model is announced on a channel, whoever
 * wrote it (the consumer, a rebuild, an operator's SQL), so the in-memory replicas of every
 * verification instance follow the table. Statement-level triggers with transition
 * tables: one notification per row changed, or a `*` for a truncate or a bulk statement.
 */
export class CertificateViewNotify1764370000000 implements MigrationInterface {
  name = 'CertificateViewNotify1764370000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION "${S}".certificate_view_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- a truncate has no transition table: nothing may name "changed" on its way
        IF TG_OP = 'TRUNCATE' THEN
          PERFORM pg_notify('${CHANNEL}', '*');
        ELSIF (SELECT count(*) FROM changed) > ${MANY} THEN
          PERFORM pg_notify('${CHANNEL}', '*');
        ELSE
          PERFORM pg_notify('${CHANNEL}', certificate_number) FROM changed;
        END IF;
        RETURN NULL;
      END $$`);
    for (const [op, table] of [
      ['INSERT', 'NEW'],
      ['UPDATE', 'NEW'],
      ['DELETE', 'OLD'],
    ]) {
      await q.query(`
        CREATE TRIGGER certificate_view_${op.toLowerCase()}_notify AFTER ${op} ON "${S}".certificate_view
          REFERENCING ${table} TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "${S}".certificate_view_changed()`);
    }
    await q.query(`
      CREATE TRIGGER certificate_view_truncate_notify AFTER TRUNCATE ON "${S}".certificate_view
        FOR EACH STATEMENT EXECUTE FUNCTION "${S}".certificate_view_changed()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const op of ['insert', 'update', 'delete', 'truncate']) {
      await q.query(`DROP TRIGGER certificate_view_${op}_notify ON "${S}".certificate_view`);
    }
    await q.query(`DROP FUNCTION "${S}".certificate_view_changed()`);
  }
}
