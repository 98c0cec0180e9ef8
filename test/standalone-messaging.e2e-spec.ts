import { Topics } from '@kp/contracts';
import { VerificationConsumer } from '../libs/verification/src/api/verification.consumer';
import { Api, eventually, issueBody, sql, startStandalone, StandalonePlatform } from './support/harness';

/**
 * The outbox, inbox, dead letters and jobs in standalone mode (in-process bus, BullMQ on
 * PostgreSQL). The distributed suite checks the same over Kafka and Redis.
 */
describe('standalone: messaging and jobs', () => {
  let platform: StandalonePlatform;
  let api: Api;
  let issuer: string;
  let customs: string;

  beforeAll(async () => {
    platform = await startStandalone({ KP_EXPIRY_SWEEP_MS: '200' });
    api = platform.api;
    issuer = await api.login('bw.issuer');
    customs = await api.login('ae.customs');
  });

  afterAll(() => platform?.close());

  const issue = async () => {
    const r = await api.post('/api/v1/certificates', issueBody(), issuer);
    expect(r.status).toBe(201);
    return r.body.certificateNumber as string;
  };

  it('writes the certificate and its event in one transaction, and the relay marks the event published', async () => {
    const number = await issue();
    const { value: rows } = await eventually(async () => {
      const rows = await sql<{ topic: string; published_at: Date | null; envelope: string }>(
        platform.databaseUrl,
        `SELECT topic, published_at, envelope FROM certificates.outbox WHERE message_key = $1`,
        [number],
      );
      expect(rows[0]?.published_at).not.toBeNull();
      return rows;
    });
    expect(rows).toHaveLength(1);
    expect(rows[0].topic).toBe(Topics.certificates);
    expect(JSON.parse(rows[0].envelope)).toMatchObject({
      type: 'certificates.certificate.issued',
      version: 1,
      producer: 'certificates',
      aggregateId: number,
      payload: { certificateNumber: number },
    });
  });

  it('the same event delivered twice changes nothing', async () => {
    const number = await issue();
    await eventually(async () => expect((await api.get(`/api/v1/verify/${number}`, customs)).body.verdict).toBe('VALID'));
    const [row] = await sql<{ envelope: string }>(platform.databaseUrl, `SELECT envelope FROM certificates.outbox WHERE message_key = $1`, [number]);
    const consumer = platform.app.get(VerificationConsumer);
    await consumer.deliver({ topic: Topics.certificates, key: number, value: row.envelope });
    await consumer.deliver({ topic: Topics.certificates, key: number, value: row.envelope });
    const [view] = await sql<{ events_applied: number }>(
      platform.databaseUrl,
      `SELECT events_applied FROM verification.certificate_view WHERE certificate_number = $1`,
      [number],
    );
    expect(view.events_applied).toBe(1);
  });

  it('an unreadable or invalid event is dead-lettered with the reason, and the next event is still processed', async () => {
    const consumer = platform.app.get(VerificationConsumer);
    const [row] = await sql<{ envelope: string }>(platform.databaseUrl, `SELECT envelope FROM certificates.outbox WHERE envelope LIKE '%certificate.issued%' LIMIT 1`);
    const invalidPayload = JSON.parse(row.envelope);
    invalidPayload.id = '6f1d7c2e-8a43-4f4e-9d1c-2f4a8b9e0c11';
    invalidPayload.payload.hsCode = '7102.39';
    invalidPayload.payload.carats = -3;
    await consumer.deliver({ topic: Topics.certificates, key: 'bad-1', value: '{not json' });
    await consumer.deliver({ topic: Topics.certificates, key: 'bad-2', value: JSON.stringify(invalidPayload) });

    const letters = await sql<{ message_key: string; reason: string }>(
      platform.databaseUrl,
      `SELECT message_key, reason FROM verification.dead_letter WHERE message_key IN ('bad-1', 'bad-2') ORDER BY id`,
    );
    expect(letters.map((l) => l.message_key)).toEqual(['bad-1', 'bad-2']);
    expect(letters[0].reason).toContain('not JSON');
    expect(letters[1].reason).toContain('hsCode');
    expect(letters[1].reason).toContain('carats');

    const next = await issue();
    await eventually(async () => expect((await api.get(`/api/v1/verify/${next}`, customs)).body.verdict).toBe('VALID'));
  });

  it('the expiry sweep (a BullMQ job on PostgreSQL) announces a certificate past its expiry, once', async () => {
    const number = await issue();
    await sql(platform.databaseUrl, `UPDATE certificates.certificate SET expires_at = now() - interval '1 hour' WHERE certificate_number = $1`, [number]);
    await eventually(async () => {
      const events = await sql(platform.databaseUrl, `SELECT 1 FROM certificates.outbox WHERE message_key = $1 AND envelope LIKE '%certificate.expired%'`, [number]);
      expect(events).toHaveLength(1);
    }, 5000, 100);
    const history = await api.get(`/api/v1/certificates/${number}`, issuer);
    expect(history.body.history.map((h: { action: string }) => h.action)).toEqual(['ISSUED', 'EXPIRED']);
    // Later sweeps leave it alone.
    await new Promise((r) => setTimeout(r, 600));
    const again = await sql(platform.databaseUrl, `SELECT 1 FROM certificates.outbox WHERE message_key = $1 AND envelope LIKE '%certificate.expired%'`, [number]);
    expect(again).toHaveLength(1);
  });
});
