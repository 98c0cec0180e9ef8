import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The verification outbox holds batch rows of some 50 kB (a batch's events, one a line):
 * PostgreSQL would try to compress each on write and decompress it when the relay reads
 * it, CPU spent on the border's busiest path to save disk on rows that are read once.
 * Stored out of line, uncompressed.
 */
export class OutboxEnvelopeUncompressed1764380000000 implements MigrationInterface {
  name = 'OutboxEnvelopeUncompressed1764380000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "verification".outbox ALTER COLUMN envelope SET STORAGE EXTERNAL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "verification".outbox ALTER COLUMN envelope SET STORAGE EXTENDED`);
  }
}
