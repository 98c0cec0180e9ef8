import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { verifyWebhook } from '../libs/shipments/src/infrastructure/webhook-signature';
import { Api, ARTIFACTS, DistributedPlatform, eventually, freshDatabase, issueBody, kafkaBrokers, sql, TEST_WEBHOOK_SECRET } from './support/harness';
import { WebhookReceiver } from './support/webhook-receiver';

const brokers = kafkaBrokers();
const redis = process.env.REDIS_URL;
// Says plainly when it cannot run; .ci/run fails if this suite did not run.
const describeWithKafka = brokers && redis ? describe : describe.skip;
if (!brokers) console.warn('distributed suite NOT RUN: no Kafka (set KAFKA_BROKERS, or install kcat for the mock cluster)');
if (!redis) console.warn('distributed suite NOT RUN: no Redis (set REDIS_URL, or run redis-server on 127.0.0.1:6379)');

/**
 * Distributed mode: six service processes, Kafka over the wire (the librdkafka mock
 * cluster, or KAFKA_BROKERS), real PostgreSQL. The same path as standalone, then what
 * the outbox and inbox are for: crashes, redeliveries and unreadable messages.
 */
describeWithKafka('distributed: six processes over Kafka', () => {
  let platform: DistributedPlatform;
  let issuer: string;
  let customs: string;
  let certificatesApi: Api;
  let verificationApi: Api;

  beforeAll(async () => {
    platform = new DistributedPlatform(await freshDatabase('distributed'), brokers!, 3400 + Math.floor(Math.random() * 500) * 10);
    await platform.startAll();
    const participants = platform.api('participants');
    issuer = await participants.login('bw.issuer');
    customs = await participants.login('ae.customs');
    certificatesApi = platform.api('certificates');
    verificationApi = platform.api('verification');
    // The certificates service learns the registry from the participants' events.
    await eventually(async () => expect((await certificatesApi.post('/api/v1/certificates', issueBody(), issuer)).status).toBe(201), 30_000, 200);
  }, 180_000);

  afterAll(async () => {
    await platform?.stopAll();
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, 'distributed-suite.ran'), new Date().toISOString());
  }, 60_000);

  const verdict = async (number: string) => (await verificationApi.get(`/api/v1/verify/${number}`, customs)).body;
  const issue = async () => {
    const r = await certificatesApi.post('/api/v1/certificates', issueBody(), issuer);
    expect(r.status).toBe(201);
    return r.body.certificateNumber as string;
  };

  it('every service reports healthy', async () => {
    for (const [name, service] of platform.services) {
      const health = await service.api.get('/health');
      expect({ name, status: health.status, bus: health.body.bus }).toEqual({ name, status: 200, bus: 'up' });
    }
  });

  it('a certificate issued by one process verifies as VALID in another within 2 seconds; an unknown one is UNKNOWN', async () => {
    const number = await issue();
    const { ms } = await eventually(async () => expect((await verdict(number)).verdict).toBe('VALID'), 2000);
    expect(ms).toBeLessThan(2000);
    expect(await verdict('BW-1999-000001')).toMatchObject({ verdict: 'UNKNOWN', reasons: [{ code: 'NOT_FOUND' }] });
  });

  it('the public key registry learns each signing key through the bus', async () => {
    const jwks = await eventually(async () => {
      const r = await platform.api('participants').get('/api/v1/participants/BW/jwks');
      expect(r.body.keys.length).toBeGreaterThan(0);
      return r.body;
    }, 5000);
    expect(jwks.value.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', status: 'ACTIVE' });
  });

  it('verification killed with SIGKILL while 200 certificates are issued: afterwards all 200 verify, each applied once', async () => {
    const numbers: string[] = [];
    let killed = false;
    const issuing = (async () => {
      for (let batch = 0; batch < 20; batch++) {
        numbers.push(...(await Promise.all(Array.from({ length: 10 }, issue))));
        if (batch === 5 && !killed) {
          killed = true;
          await platform.kill('verification');
        }
      }
    })();
    await eventually(async () => expect(killed).toBe(true), 30_000, 50);
    await platform.start('verification');
    await issuing;
    expect(new Set(numbers).size).toBe(200);

    await eventually(async () => {
      const rows = await sql<{ n: string }>(
        platform.databaseUrl,
        `SELECT count(*) AS n FROM verification.certificate_view WHERE certificate_number = ANY($1)`,
        [numbers],
      );
      expect(Number(rows[0].n)).toBe(200);
    }, 60_000, 250);
    const applied = await sql<{ events_applied: number; n: string }>(
      platform.databaseUrl,
      `SELECT events_applied, count(*) AS n FROM verification.certificate_view WHERE certificate_number = ANY($1) GROUP BY events_applied`,
      [numbers],
    );
    expect(applied).toEqual([{ events_applied: 1, n: '200' }]);
    for (const number of [numbers[0], numbers[99], numbers[199]]) expect((await verdict(number)).verdict).toBe('VALID');
  }, 180_000);

  it('certificates killed between its database commit and the publish: the outbox publishes after the restart', async () => {
    // With the relay off, committed certificates wait in the outbox, exactly as after a crash before publishing.
    await platform.kill('certificates');
    await platform.start('certificates', { KP_OUTBOX_RELAY: 'false' });
    const numbers = await Promise.all(Array.from({ length: 20 }, issue));
    const waiting = await sql<{ n: string }>(
      platform.databaseUrl,
      `SELECT count(*) AS n FROM certificates.outbox WHERE published_at IS NULL AND message_key = ANY($1)`,
      [numbers],
    );
    expect(Number(waiting[0].n)).toBe(20);
    expect((await verdict(numbers[0])).verdict).toBe('UNKNOWN');

    await platform.kill('certificates');
    await platform.start('certificates');
    await eventually(async () => {
      for (const number of numbers) expect((await verdict(number)).verdict).toBe('VALID');
    }, 15_000, 200);
  }, 120_000);

  it('an embargo imposed on the registry reaches the border over Kafka within 2 seconds, and its lifting too', async () => {
    const secretariat = await platform.api('participants').login('secretariat');
    const certificate = await certificatesApi.post('/api/v1/certificates', issueBody({ origin: { countries: ['CF'] } }), issuer);
    expect(certificate.status).toBe(201);
    const number = certificate.body.certificateNumber;
    await eventually(async () => expect((await verdict(number)).verdict).toBe('VALID'), 5000);
    const imposed = await platform.api('participants').post(
      '/api/v1/participants/CF/measures',
      { kind: 'EMBARGO', scope: 'ALL', effectiveFrom: new Date().toISOString(), legalBasis: 'Embargo on CAR origin (distributed test)' },
      secretariat,
    );
    expect(imposed.status).toBe(201);
    const { value } = await eventually(async () => {
      const a = await verdict(number);
      expect(a.verdict).toBe('EMBARGOED');
      return a;
    }, 2000, 50);
    expect(value.reasons[0]).toMatchObject({ code: 'ORIGIN_EMBARGOED', legalBasis: 'Embargo on CAR origin (distributed test)' });
    const lifted = await platform.api('participants').post(`/api/v1/participants/CF/measures/${imposed.body.id}/lift`, { legalBasis: 'lifted' }, secretariat);
    expect(lifted.status).toBe(200);
    await eventually(async () => expect((await verdict(number)).verdict).toBe('VALID'), 2000, 50);
  }, 30_000);

  it("a shipment's full path over Kafka: dispatch, signed advance notice, border, import confirmation closing it", async () => {
    const receiver = new WebhookReceiver();
    const base = await receiver.start();
    try {
      const participants = platform.api('participants');
      const shipments = platform.api('shipments');
      const secretariat = await participants.login('secretariat');
      const endpoint = `${base}/ok`;
      expect((await participants.request('PUT', '/api/v1/participants/AE/authorities/IMPORTING', { name: 'UAE KP Office', notificationEndpoint: endpoint }, secretariat)).status).toBe(200);
      await eventually(async () => {
        const [row] = await sql<{ importing_endpoint: string }>(platform.databaseUrl, `SELECT importing_endpoint FROM shipments.known_participant WHERE code = 'AE'`);
        expect(row?.importing_endpoint).toBe(endpoint);
      }, 10_000, 100);
      const number = await issue();
      const { value: shipment } = await eventually(async () => {
        const r = await shipments.post('/api/v1/shipments', { certificateNumber: number, seals: ['BW-SEAL-9'] }, issuer);
        expect(r.status).toBe(201);
        return r.body;
      }, 10_000, 100);
      const { value: notice } = await eventually(async () => {
        const got = receiver.for(number);
        expect(got).toHaveLength(1);
        return got[0];
      }, 10_000, 100);
      expect(verifyWebhook(TEST_WEBHOOK_SECRET, notice.body, String(notice.headers['kp-signature']))).toBe(true);
      expect((await shipments.post(`/api/v1/shipments/${shipment.id}/events`, { type: 'ARRIVED' }, customs)).status).toBe(201);
      expect((await shipments.post(`/api/v1/shipments/${shipment.id}/events`, { type: 'INSPECTED', sealIntact: false }, customs)).status).toBe(201);
      await eventually(async () => expect((await verdict(number)).reasons.map((r: { code: string }) => r.code)).toContain('SEAL_BROKEN'), 2000, 50);
      const aeIssuer = await participants.login('ae.issuer');
      const confirmed = await certificatesApi.post(`/api/v1/certificates/${number}/import-confirmation`, { receivedAt: new Date().toISOString(), parcels: 3, carats: 1250.5, sealIntact: false }, aeIssuer);
      expect(confirmed.status).toBe(201);
      await eventually(async () => expect((await shipments.get(`/api/v1/shipments/${shipment.id}`, issuer)).body).toMatchObject({ status: 'DELIVERED', live: false }), 5000, 100);
    } finally {
      await receiver.stop();
    }
  }, 60_000);

  it('an embargo decided by consensus in the reform service reaches the border over Kafka, and so does its lifting', async () => {
    const participants = platform.api('participants');
    const reform = platform.api('reform');
    const [chair, za, ru] = await Promise.all(['chair', 'za.delegate', 'ru.delegate'].map((u) => participants.login(u)));
    const number = (await certificatesApi.post('/api/v1/certificates', issueBody({ origin: { countries: ['SL'] } }), issuer)).body.certificateNumber;
    await eventually(async () => expect((await verdict(number)).verdict).toBe('VALID'), 5000, 100);
    const proposal = (await reform.post('/api/v1/reform/proposals', { title: 'Embargo on Sierra Leonean rough', kind: 'EMBARGO_IMPOSE', effect: { participant: 'SL' }, rationale: 'Distributed test of the consensus path.' }, za)).body;
    await reform.post(`/api/v1/reform/proposals/${proposal.id}/positions`, { position: 'SUPPORT' }, za);
    await reform.post(`/api/v1/reform/proposals/${proposal.id}/positions`, { position: 'OBJECT' }, ru);
    const refused = await reform.post(`/api/v1/reform/proposals/${proposal.id}/decision`, {}, chair);
    expect(refused.status).toBe(409);
    expect(refused.body.objectors).toEqual(['RU']);
    await reform.post(`/api/v1/reform/proposals/${proposal.id}/positions`, { position: 'ABSTAIN' }, ru);
    const decision = await reform.post(`/api/v1/reform/proposals/${proposal.id}/decision`, {}, chair);
    expect(decision.status).toBe(201);
    const { value } = await eventually(async () => {
      const a = await verdict(number);
      expect(a.verdict).toBe('EMBARGOED');
      return a;
    }, 2000, 50);
    expect(value.reasons[0].legalBasis).toContain(decision.body.reference);
    const lift = (await reform.post('/api/v1/reform/proposals', { title: 'Lift the embargo on Sierra Leonean rough', kind: 'EMBARGO_LIFT', effect: { participant: 'SL' }, rationale: 'Distributed test of the lifting.' }, za)).body;
    await reform.post(`/api/v1/reform/proposals/${lift.id}/positions`, { position: 'SUPPORT' }, za);
    expect((await reform.post(`/api/v1/reform/proposals/${lift.id}/decision`, {}, chair)).status).toBe(201);
    await eventually(async () => expect((await verdict(number)).verdict).toBe('VALID'), 2000, 50);
  }, 60_000);

  it('the read model rebuilt by replaying the topics over Kafka answers as before', async () => {
    const voided = await issue();
    await certificatesApi.post(`/api/v1/certificates/${voided}/void`, { reason: 'PRINTER_ERROR' }, issuer);
    const valid = await issue();
    await eventually(async () => {
      expect((await verdict(voided)).verdict).toBe('VOID');
      expect((await verdict(valid)).verdict).toBe('VALID');
    }, 5000, 100);
    const admin = await platform.api('participants').login('admin');
    const rebuilt = await verificationApi.post('/api/v1/verification/read-model/rebuild', {}, admin);
    expect(rebuilt.status).toBe(202);
    await eventually(async () => {
      expect((await verdict(voided)).verdict).toBe('VOID');
      expect((await verdict(valid)).verdict).toBe('VALID');
    }, 30_000, 250);
    const [{ n }] = await sql<{ n: number }>(platform.databaseUrl, `SELECT max(events_applied)::int AS n FROM verification.certificate_view`);
    expect(n).toBeLessThanOrEqual(2);
  }, 60_000);

  it('the expiry sweep runs as a BullMQ job on Redis and announces an expired certificate once', async () => {
    const number = await issue();
    await sql(platform.databaseUrl, `UPDATE certificates.certificate SET expires_at = now() - interval '1 hour' WHERE certificate_number = $1`, [number]);
    await eventually(async () => {
      const history = await certificatesApi.get(`/api/v1/certificates/${number}`, issuer);
      expect(history.body.history.map((h: { action: string }) => h.action)).toEqual(['ISSUED', 'EXPIRED']);
    }, 10_000, 200);
  }, 30_000);

  describe('what the consumers receive', () => {
    let kafka: Kafka;
    const topic = (name: string) => `${platform.env.KAFKA_NAMESPACE}.${name}`;

    beforeAll(() => {
      kafka = new Kafka({ clientId: 'kp-test', brokers: brokers!.split(','), logLevel: logLevel.NOTHING });
    });

    it('the same event delivered twice changes nothing', async () => {
      const number = await issue();
      await eventually(async () => expect((await verdict(number)).verdict).toBe('VALID'), 5000);
      const [row] = await sql<{ envelope: string; event_id: string }>(
        platform.databaseUrl,
        `SELECT envelope, event_id FROM certificates.outbox WHERE message_key = $1`,
        [number],
      );
      const producer = kafka.producer();
      await producer.connect();
      // The duplicate, then an unreadable marker with the same key (so the same partition, after it):
      // once the marker is dead-lettered, the duplicate has been consumed.
      const markerValue = `marker after duplicate of ${number}`;
      await producer.send({
        topic: topic('certificates.certificate.v1'),
        messages: [
          { key: number, value: row.envelope },
          { key: number, value: markerValue },
        ],
      });
      await producer.disconnect();
      await eventually(async () => {
        const rows = await sql(platform.databaseUrl, `SELECT 1 FROM verification.dead_letter WHERE value = $1`, [markerValue]);
        expect(rows).toHaveLength(1);
      }, 10_000, 100);
      const [view] = await sql<{ events_applied: number }>(
        platform.databaseUrl,
        `SELECT events_applied FROM verification.certificate_view WHERE certificate_number = $1`,
        [number],
      );
      expect(view.events_applied).toBe(1);
      const inbox = await sql(platform.databaseUrl, `SELECT 1 FROM verification.inbox WHERE event_id = $1`, [row.event_id]);
      expect(inbox).toHaveLength(1);
    }, 60_000);

    it('an unreadable event lands in the dead-letter topic with the reason, and the next event is still processed', async () => {
      const producer = kafka.producer();
      await producer.connect();
      await producer.send({
        topic: topic('certificates.certificate.v1'),
        messages: [
          { key: 'garbage', value: 'this is not an event' },
          { key: 'half', value: JSON.stringify({ id: 'not-a-uuid', type: 'certificates.certificate.issued', version: 1 }) },
        ],
      });
      await producer.disconnect();
      const next = await issue();
      await eventually(async () => expect((await verdict(next)).verdict).toBe('VALID'), 5000);

      const letters = await eventually(async () => {
        const rows = await sql<{ consumer: string; reason: string; value: string }>(
          platform.databaseUrl,
          // Different keys, different partitions: no order between the two.
          `SELECT consumer, reason, value FROM verification.dead_letter WHERE message_key IN ('garbage', 'half') ORDER BY message_key`,
        );
        expect(rows).toHaveLength(2);
        return rows;
      }, 5000);
      const [garbage, half] = letters.value;
      expect(garbage).toMatchObject({ consumer: 'verification', value: 'this is not an event' });
      expect(garbage.reason).toContain('not JSON');
      expect(half.reason).toMatch(/envelope id: .*UUID/);

      const consumer = kafka.consumer({ groupId: `kp-test-dlq-${Date.now()}` });
      await consumer.connect();
      await consumer.subscribe({ topic: topic('kp.dead-letter.v1'), fromBeginning: true });
      const seen: { consumer: string; reason: string; value: string }[] = [];
      await consumer.run({ eachMessage: async ({ message }) => void seen.push(JSON.parse(message.value!.toString())) });
      await eventually(async () => expect(seen.some((d) => d.value === 'this is not an event' && d.consumer === 'verification')).toBe(true), 30_000, 200);
      await consumer.disconnect();
    }, 90_000);

  });
});
