import { DataSource } from 'typeorm';
import { VerificationPerformed } from '@kp/contracts';
import { BusMessage, createMessagingTables, EventBus, InProcessEventBus, OutboxRelay, OutboxWriter } from '@kp/kernel';
import { freshDatabase } from './support/harness';

/**
 * The relay on real PostgreSQL, with a backlog of batch rows (the verifications' kind) far
 * bigger than one pass may hold: as after an outage of the bus.
 */
describe('outbox relay: a backlog of batch rows', () => {
  const SCHEMA = 'relaytest';
  let db: DataSource;

  beforeAll(async () => {
    db = await new DataSource({ type: 'postgres', url: await freshDatabase('relay') }).initialize();
    await db.query(`CREATE SCHEMA ${SCHEMA}`);
    const runner = db.createQueryRunner();
    await createMessagingTables(runner, SCHEMA);
    await runner.release();
    await db.query(`ALTER TABLE ${SCHEMA}.outbox ALTER COLUMN envelope SET STORAGE EXTERNAL`);
  });

  afterAll(() => db?.destroy());

  it('leaves whole and in order, a few MB at a time, in one drain', async () => {
    const writer = new OutboxWriter(SCHEMA);
    let n = 0;
    for (let row = 0; row < 20; row++) {
      const batch = writer.prepareBatch(
        VerificationPerformed,
        Array.from({ length: 2000 }, () => {
          n += 1;
          const number = `BW-2026-${String(n).padStart(6, '0')}`;
          return {
            aggregateId: number,
            payload: { verificationId: `v-${n}`, certificateNumber: number, verdict: 'VALID' as const, reasonCodes: [], verifiedBy: 'ae.customs', participant: 'AE', checkedAt: '2026-11-29T08:00:00.000Z' },
          };
        }),
        { validate: 'first' },
      );
      await db.query(batch.sql, batch.params);
    }

    const published: BusMessage[] = [];
    const bus = { publish: async (messages: BusMessage[]) => void published.push(...messages), heardTopics: () => null } as unknown as EventBus;
    const relay = new OutboxRelay(SCHEMA, db, bus, true, 60_000);
    const passes: number[] = [];
    const read = (relay as unknown as { read: (...a: unknown[]) => Promise<{ rows: { envelope: string }[] }> }).read.bind(relay);
    (relay as unknown as { read: typeof read }).read = async (...a) => {
      const result = await read(...a);
      passes.push(result.rows.reduce((bytes, r) => bytes + Buffer.byteLength(r.envelope), 0));
      return result;
    };
    await relay.drain();
    await relay.onApplicationShutdown();

    expect(published).toHaveLength(40_000);
    expect(published.map((m) => JSON.parse(m.value).payload.verificationId)).toEqual(Array.from({ length: 40_000 }, (_, i) => `v-${i + 1}`));
    expect(published[0]).toMatchObject({ topic: VerificationPerformed.topic, key: 'BW-2026-000001' });
    expect(passes.length).toBeGreaterThanOrEqual(3); // some 16 MB, at most about 4 MB a pass
    for (const bytes of passes) expect(bytes).toBeLessThanOrEqual(4 * 1024 * 1024 + 1e6); // a pass stops at the row that crosses 4 MiB
    const [{ waiting }] = await db.query(`SELECT count(*)::int AS waiting FROM ${SCHEMA}.outbox WHERE published_at IS NULL`);
    expect(waiting).toBe(0);
  });

  it('standalone: rows of a topic no consumer hears are marked published without being read back', async () => {
    await db.query(`TRUNCATE ${SCHEMA}.outbox`);
    const writer = new OutboxWriter(SCHEMA);
    const verifications = writer.prepareBatch(
      VerificationPerformed,
      [1, 2, 3].map((n) => {
        const number = `BW-2026-${String(n).padStart(6, '0')}`;
        return { aggregateId: number, payload: { verificationId: `v-${n}`, certificateNumber: number, verdict: 'VALID' as const, reasonCodes: [], verifiedBy: 'ae.customs', checkedAt: '2026-11-29T08:00:00.000Z' } };
      }),
    );
    const plain = (topic: string, key: string) =>
      db.query(`INSERT INTO ${SCHEMA}.outbox (event_id, topic, message_key, envelope) VALUES (gen_random_uuid(), $1, $2, $3)`, [topic, key, JSON.stringify({ key })]);
    await plain('kp.heard', 'first');
    await db.query(verifications.sql, verifications.params);
    await plain('kp.unheard', 'second');
    await plain('kp.heard', 'third');

    const bus = new InProcessEventBus();
    const delivered: BusMessage[] = [];
    await bus.subscribe('listener', ['kp.heard'], async (m) => void delivered.push(m));
    const handed: BusMessage[] = [];
    const publish = bus.publish.bind(bus);
    bus.publish = async (messages) => {
      handed.push(...messages);
      return publish(messages);
    };
    const relay = new OutboxRelay(SCHEMA, db, bus, true, 60_000);
    const fetched: { topic: string; envelope: string | null }[] = [];
    const read = (relay as unknown as { read: (...a: unknown[]) => Promise<{ rows: { topic: string; envelope: string | null }[] }> }).read.bind(relay);
    (relay as unknown as { read: typeof read }).read = async (...a) => {
      const result = await read(...a);
      fetched.push(...result.rows);
      return result;
    };
    await relay.drain();
    await relay.onApplicationShutdown();

    expect(delivered.map((m) => m.key)).toEqual(['first', 'third']);
    expect(handed.map((m) => m.topic)).toEqual(['kp.heard', 'kp.heard']); // nothing built for the others
    expect(fetched.filter((r) => r.topic !== 'kp.heard').map((r) => r.envelope)).toEqual([null, null]);
    const [{ waiting }] = await db.query(`SELECT count(*)::int AS waiting FROM ${SCHEMA}.outbox WHERE published_at IS NULL`);
    expect(waiting).toBe(0);
  });
});
