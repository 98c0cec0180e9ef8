import { verifyWebhook } from '../libs/shipments/src/infrastructure/webhook-signature';
import { Api, eventually, issueBody, sql, startStandalone, StandalonePlatform, TEST_WEBHOOK_SECRET as WEBHOOK_SECRET } from './support/harness';
import { WebhookReceiver } from './support/webhook-receiver';


/** Shipments and the border: dispatch, advance notice, border events and their flags, the closed loop. */
describe('shipments: from dispatch to import confirmation', () => {
  let platform: StandalonePlatform;
  let api: Api;
  let receiver: WebhookReceiver;
  let base: string;
  let bwIssuer: string;
  let aeIssuer: string;
  let aeCustoms: string;
  let inCustoms: string;
  let secretariat: string;

  beforeAll(async () => {
    receiver = new WebhookReceiver();
    base = await receiver.start();
    platform = await startStandalone({ KP_WEBHOOK_SECRET: WEBHOOK_SECRET, KP_WEBHOOK_ATTEMPTS: '3', KP_WEBHOOK_BACKOFF_MS: '50' });
    api = platform.api;
    [bwIssuer, aeIssuer, aeCustoms, inCustoms, secretariat] = await Promise.all(
      ['bw.issuer', 'ae.issuer', 'ae.customs', 'in.customs', 'secretariat'].map((u) => api.login(u)),
    );
  });

  afterAll(async () => {
    await platform?.close();
    await receiver?.stop();
  });

  /** Points AE's importing authority at the receiver, and waits until the shipments service knows. */
  async function aeEndpoint(path: string): Promise<string> {
    const endpoint = `${base}${path}`;
    const r = await api.request('PUT', '/api/v1/participants/AE/authorities/IMPORTING', { name: 'UAE KP Office', notificationEndpoint: endpoint }, secretariat);
    expect(r.status).toBe(200);
    await eventually(async () => {
      const [row] = await sql<{ importing_endpoint: string }>(platform.databaseUrl, `SELECT importing_endpoint FROM shipments.known_participant WHERE code = 'AE'`);
      expect(row.importing_endpoint).toBe(endpoint);
    });
    return endpoint;
  }

  async function issueAndDispatch(body: Record<string, unknown> = {}) {
    const issued = await api.post('/api/v1/certificates', issueBody(), bwIssuer);
    expect(issued.status).toBe(201);
    const number = issued.body.certificateNumber as string;
    const dispatched = await eventually(async () => {
      const r = await api.post('/api/v1/shipments', { certificateNumber: number, seals: ['BW-SEAL-0001', 'BW-SEAL-0002'], carrier: 'Brinks', ...body }, bwIssuer);
      expect(r.status).toBe(201);
      return r.body;
    });
    return { number, shipment: dispatched.value };
  }

  const verdict = async (number: string) => (await api.get(`/api/v1/verify/${number}`, aeCustoms)).body;
  const event = (id: string, body: Record<string, unknown>, token = aeCustoms) => api.post(`/api/v1/shipments/${id}/events`, body, token);

  it("walks the whole path: dispatch, a signed advance notice to the importer's endpoint, arrival, inspection, release, import confirmation", async () => {
    await aeEndpoint('/ok');
    const { number, shipment } = await issueAndDispatch({ route: { transit: ['IN'] } });
    expect(shipment).toMatchObject({ certificateNumber: number, status: 'DISPATCHED', seals: ['BW-SEAL-0001', 'BW-SEAL-0002'], route: { transit: ['IN'] } });

    const { value: notices } = await eventually(async () => {
      const got = receiver.for(number);
      expect(got).toHaveLength(1);
      return got;
    }, 5000);
    expect(verifyWebhook(WEBHOOK_SECRET, notices[0].body, String(notices[0].headers['kp-signature']))).toBe(true);
    expect(verifyWebhook('another-secret-of-at-least-32-characters!!', notices[0].body, String(notices[0].headers['kp-signature']))).toBe(false);
    expect(JSON.parse(notices[0].body)).toMatchObject({ type: 'kp.advance-notice', certificateNumber: number, carats: 1250.5, parcels: 3 });

    expect((await event(shipment.id, { type: 'ARRIVED' }, inCustoms)).status).toBe(201); // transit border
    expect((await event(shipment.id, { type: 'ARRIVED' })).status).toBe(201);
    const inspected = await event(shipment.id, { type: 'INSPECTED', sealIntact: true, measuredCarats: 1250.5, parcelsCounted: 3 });
    expect(inspected.status).toBe(201);
    expect(inspected.body.findings).toEqual([]);
    expect((await event(shipment.id, { type: 'RELEASED' })).status).toBe(201);
    expect((await verdict(number)).verdict).toBe('VALID');

    const confirmed = await api.post(`/api/v1/certificates/${number}/import-confirmation`, { receivedAt: new Date().toISOString(), parcels: 3, carats: 1250.5, sealIntact: true }, aeIssuer);
    expect(confirmed.status).toBe(201);
    const closed = await eventually(async () => {
      const r = await api.get(`/api/v1/shipments/${shipment.id}`, bwIssuer);
      expect(r.body).toMatchObject({ status: 'DELIVERED', live: false });
      return r.body;
    });
    expect(closed.value.events.map((e: { type: string; participant: string }) => `${e.type}@${e.participant}`)).toEqual([
      'ARRIVED@IN',
      'ARRIVED@AE',
      'INSPECTED@AE',
      'RELEASED@AE',
    ]);
    expect(closed.value.notifications).toEqual([expect.objectContaining({ kind: 'ADVANCE_NOTICE', recipient: 'AE', status: 'DELIVERED', attempts: 1 })]);
    expect((await event(shipment.id, { type: 'ARRIVED' })).status).toBe(409);
  });

  it('refuses a second live shipment for a certificate (409)', async () => {
    const { number } = await issueAndDispatch();
    const again = await api.post('/api/v1/shipments', { certificateNumber: number, seals: ['X-1'] }, bwIssuer);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('SHIPMENT_ALREADY_LIVE');
  });

  describe('flags from the border', () => {
    it('a broken seal makes verification say FLAGGED with SEAL_BROKEN within 2 seconds; the secretariat clears it with a justification', async () => {
      const { number, shipment } = await issueAndDispatch();
      const r = await event(shipment.id, { type: 'INSPECTED', sealIntact: false, remarks: 'Seal BW-SEAL-0002 cut' });
      expect(r.status).toBe(201);
      expect(r.body.findings.map((f: { code: string }) => f.code)).toEqual(['SEAL_BROKEN']);
      const { ms, value } = await eventually(async () => {
        const a = await verdict(number);
        expect(a.verdict).toBe('FLAGGED');
        return a;
      }, 2000);
      expect(ms).toBeLessThan(2000);
      expect(value.reasons.map((x: { code: string }) => x.code)).toEqual(['SEAL_BROKEN']);

      const flags = await api.get(`/api/v1/flags?certificateNumber=${number}`, secretariat);
      expect(flags.body.items).toEqual([expect.objectContaining({ code: 'SEAL_BROKEN', source: 'border', clearedAt: null })]);
      expect((await api.post(`/api/v1/flags/${flags.body.items[0].id}/clear`, { justification: 'Resealed under supervision' }, aeCustoms)).status).toBe(403);
      const cleared = await api.post(`/api/v1/flags/${flags.body.items[0].id}/clear`, { justification: 'Seal replaced under customs supervision; contents verified' }, secretariat);
      expect(cleared.status).toBe(200);
      expect(cleared.body).toMatchObject({ clearedBy: 'secretariat', justification: expect.stringContaining('supervision') });
      expect((await verdict(number)).verdict).toBe('VALID');
      expect((await api.post(`/api/v1/flags/${flags.body.items[0].id}/clear`, { justification: 'again' }, secretariat)).status).toBe(409);
    });

    it.each([
      ['3% heavier', 1288.02, ['WEIGHT_MISMATCH'], 'FLAGGED'],
      ['3% lighter', 1212.99, ['WEIGHT_MISMATCH'], 'FLAGGED'],
      ['within the 0.5% tolerance', 1256.75, [], 'VALID'],
    ])('a weight %s gives %j', async (_label, measuredCarats, codes, expected) => {
      const { number, shipment } = await issueAndDispatch();
      const r = await event(shipment.id, { type: 'INSPECTED', sealIntact: true, measuredCarats, parcelsCounted: 3 });
      expect(r.body.findings.map((f: { code: string }) => f.code)).toEqual(codes);
      await eventually(async () => {
        const a = await verdict(number);
        expect(a.verdict).toBe(expected);
        expect(a.reasons.map((x: { code: string }) => x.code)).toEqual(codes);
      }, 2000);
    });

    it('a different parcel count and a hold each raise their flag', async () => {
      const { number, shipment } = await issueAndDispatch();
      await event(shipment.id, { type: 'INSPECTED', parcelsCounted: 2 });
      await event(shipment.id, { type: 'HELD', remarks: 'Awaiting documents' });
      await eventually(async () => {
        const a = await verdict(number);
        expect(a.reasons.map((x: { code: string }) => x.code).sort()).toEqual(['HELD_AT_BORDER', 'PARCELS_MISMATCH']);
      }, 2000);
    });
  });

  describe('advance notice delivery', () => {
    it('an endpoint that fails twice then succeeds gets the notice delivered once, and the log says so', async () => {
      await aeEndpoint('/flaky/1');
      const { number, shipment } = await issueAndDispatch();
      const { value } = await eventually(async () => {
        const r = await api.get(`/api/v1/shipments/${shipment.id}`, bwIssuer);
        expect(r.body.notifications[0].status).toBe('DELIVERED');
        return r.body.notifications[0];
      }, 10_000, 50);
      expect(value.attempts).toBe(3);
      const calls = receiver.for(number);
      expect(calls.map((c) => c.answered)).toEqual([500, 500, 200]);
      expect(new Set(calls.map((c) => c.headers['kp-delivery-id'])).size).toBe(1);
    });

    it('an endpoint that never succeeds leaves a failed delivery in the log, and the shipment goes on', async () => {
      await aeEndpoint('/down');
      const { number, shipment } = await issueAndDispatch();
      const { value } = await eventually(async () => {
        const r = await api.get(`/api/v1/shipments/${shipment.id}`, bwIssuer);
        expect(r.body.notifications[0].status).toBe('FAILED');
        return r.body;
      }, 10_000, 50);
      expect(value.notifications[0]).toMatchObject({ attempts: 3, lastError: 'HTTP 503' });
      expect(value.status).toBe('DISPATCHED');
      expect(receiver.for(number)).toHaveLength(3);
      expect((await event(shipment.id, { type: 'ARRIVED' })).status).toBe(201);
      await aeEndpoint('/ok');
    });
  });

  describe('who may do what', () => {
    it('customs of a participant that is neither importer nor listed transit gets 403; a transit through a non-participant is 422', async () => {
      const { shipment } = await issueAndDispatch();
      expect((await event(shipment.id, { type: 'ARRIVED' }, inCustoms)).status).toBe(403);
      expect((await event(shipment.id, { type: 'ARRIVED' }, await api.login('bw.customs'))).status).toBe(403);
      expect((await event(shipment.id, { type: 'ARRIVED' }, bwIssuer)).status).toBe(403);

      const issued = await api.post('/api/v1/certificates', issueBody(), bwIssuer);
      const number = issued.body.certificateNumber;
      await eventually(async () => expect((await api.post('/api/v1/shipments', { certificateNumber: number, seals: ['S'], route: { transit: ['FR'] } }, bwIssuer)).status).toBe(422));
      expect((await api.post('/api/v1/shipments', { certificateNumber: number, seals: ['S'], route: { transit: ['X1'] } }, bwIssuer)).status).toBe(400);
      expect((await api.post('/api/v1/shipments', { certificateNumber: number, seals: [] }, bwIssuer)).status).toBe(400);
      expect((await api.post('/api/v1/shipments', { certificateNumber: number, seals: ['S'] }, aeIssuer)).status).toBe(403);
      expect((await api.post('/api/v1/shipments', { certificateNumber: 'BW-1999-000001', seals: ['S'] }, bwIssuer)).status).toBe(404);
      const bad = await event(shipment.id, { type: 'INSPECTED', measuredCarats: -1, parcelsCounted: 1.5 });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['measuredCarats', 'parcelsCounted']));
    });
  });
});
