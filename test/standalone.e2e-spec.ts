import { Api, eventually, issueBody, sql, startStandalone, StandalonePlatform } from './support/harness';

/** The first slice in standalone mode: every service in one process, events in-process, real PostgreSQL. */
describe('standalone: issue a certificate, verify it at the border', () => {
  let platform: StandalonePlatform;
  let api: Api;
  let issuer: string;
  let customs: string;

  beforeAll(async () => {
    platform = await startStandalone();
    api = platform.api;
    issuer = await api.login('bw.issuer');
    customs = await api.login('ae.customs');
  });

  afterAll(() => platform?.close());

  const certificateCount = async () =>
    Number((await sql<{ n: string }>(platform.databaseUrl, 'SELECT count(*) AS n FROM certificates.certificate'))[0].n);

  it('reports healthy with every service and its database up', async () => {
    const health = await api.get('/health');
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('ok');
    expect(Object.values(health.body.databases)).toEqual(Array(6).fill('up'));
  });

  it('issues a signed certificate that a customs officer verifies as VALID within 2 seconds', async () => {
    const issued = await api.post('/api/v1/certificates', issueBody(), issuer);
    expect(issued.status).toBe(201);
    expect(issued.body.certificateNumber).toMatch(new RegExp(`^BW-${new Date().getUTCFullYear()}-\\d{6}$`));
    expect(issued.body).toMatchObject({ status: 'ISSUED', exportingParticipant: 'BW', carats: 1250.5, signature: { alg: 'Ed25519' } });
    expect(issued.body.qr.split('.')).toHaveLength(3);

    const { value: answer, ms } = await eventually(async () => {
      const r = await api.get(`/api/v1/verify/${issued.body.certificateNumber}`, customs);
      expect(r.body.verdict).toBe('VALID');
      return r.body;
    }, 2000);
    expect(answer.reasons).toEqual([]);
    expect(answer.certificate).toMatchObject({ exportingParticipant: 'BW', importingParticipant: 'AE', hsCode: '7102.31' });
    expect(new Date(answer.asOf).getTime()).toBeLessThanOrEqual(Date.now());
    expect(ms).toBeLessThan(2000);
  });

  it('answers UNKNOWN for a number never issued, and records the verification', async () => {
    const number = 'BW-1999-000001';
    const r = await api.get(`/api/v1/verify/${number}`, customs);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ verdict: 'UNKNOWN', reasons: [{ code: 'NOT_FOUND' }], certificate: null });
    // Recorded off the answer's path, in batches: it shows within moments.
    await eventually(async () => {
      const records = await sql(
        platform.databaseUrl,
        'SELECT verdict, verified_by, participant, reasons, judged_at = checked_at AS judged_now FROM verification.verification_record WHERE certificate_number = $1',
        [number],
      );
      expect(records).toEqual([
        { verdict: 'UNKNOWN', verified_by: 'ae.customs', participant: 'AE', reasons: [{ code: 'NOT_FOUND', message: 'No certificate with this number has been issued.' }], judged_now: true },
      ]);
      // in a batch row of the outbox (one row, many events), published
      const published = await sql(
        platform.databaseUrl,
        `SELECT 1 FROM verification.outbox WHERE published_at IS NOT NULL AND envelope LIKE '%verification.performed%' AND envelope LIKE $1`,
        [`%"aggregateId":"${number}"%`],
      );
      expect(published).toHaveLength(1);
    });
  });

  it('takes an expiry as a date (end of that day, UTC) or as a date-time with its offset', async () => {
    const byDate = await api.post('/api/v1/certificates', issueBody({ expiresAt: '2027-01-31' }), issuer);
    expect(byDate.body.expiresAt).toBe('2027-01-31T23:59:59.999Z');
    const withOffset = await api.post('/api/v1/certificates', issueBody({ expiresAt: '2027-01-31T23:00:00-05:00' }), issuer);
    expect(withOffset.status).toBe(201);
    expect(withOffset.body.expiresAt).toBe('2027-02-01T04:00:00.000Z');
  });

  it('numbers certificates per participant without gaps', async () => {
    const numbers = await Promise.all(
      Array.from({ length: 5 }, () => api.post('/api/v1/certificates', issueBody(), issuer).then((r) => r.body.certificateNumber as string)),
    );
    const serials = numbers.map((n) => Number(n.slice(-6))).sort((a, b) => a - b);
    expect(serials).toEqual(Array.from({ length: 5 }, (_, i) => serials[0] + i));
  });

  describe('who may do what', () => {
    it('refuses a call without a token (401) and with a bad one (401)', async () => {
      expect((await api.post('/api/v1/certificates', issueBody())).status).toBe(401);
      expect((await api.post('/api/v1/certificates', issueBody(), 'not-a-token')).status).toBe(401);
      expect((await api.get('/api/v1/verify/BW-2026-000001')).status).toBe(401);
      expect((await api.get('/api/v1/verify/BW-2026-000001', 'not-a-token')).status).toBe(401);
    });

    it('refuses the border question to a role without it (403), as problem details, on the direct route too', async () => {
      const observer = await api.get('/api/v1/verify/BW-2026-000001', await api.login('csc.observer'));
      expect(observer.status).toBe(403);
      expect(observer.headers.get('content-type')).toContain('application/problem+json');
      expect(observer.body).toMatchObject({ status: 403, detail: 'This call is for: customs_officer, secretariat, issuing_officer.' });
      expect((await api.get('/api/v1/verify/BW-2026-000001', await api.login('za.delegate'))).status).toBe(403);
    });

    it('answers the border question alike at every edge of its path (the front door before Fastify, and Fastify)', async () => {
      const plain = await api.get('/api/v1/verify/BW-1999-000001', customs);
      expect(plain.status).toBe(200);
      expect(plain.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(plain.body).toMatchObject({ certificateNumber: 'BW-1999-000001', verdict: 'UNKNOWN' });
      const encoded = await api.get('/api/v1/verify/BW%2D1999%2D000001', customs);
      expect(encoded.body).toMatchObject({ certificateNumber: 'BW-1999-000001', verdict: 'UNKNOWN' });
      const judged = await api.get('/api/v1/verify/BW-1999-000001?at=2026-01-01T00:00:00Z', customs);
      expect(judged.body.judgedAt).toBe('2026-01-01T00:00:00.000Z');
      const badAt = await api.get('/api/v1/verify/BW-1999-000001?at=yesterday&at=today', customs);
      expect(badAt.status).toBe(400);
      expect(badAt.headers.get('content-type')).toContain('application/problem+json');
      expect(JSON.stringify(badAt.body)).toContain('at must be an ISO 8601 date-time');
      expect((await api.get('/api/v1/verify/BW-1999-000001?unknown=1', customs)).status).toBe(400);
      // HEAD is Fastify's: the headers of the GET, no body.
      const head = await fetch(`${await platform.app.getUrl()}/api/v1/verify/BW-1999-000001`, { method: 'HEAD', headers: { authorization: `Bearer ${customs}` } });
      expect(head.status).toBe(200);
      expect(head.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(await head.text()).toBe('');
      // Paths the route does not match, or a segment Fastify would not take, are Fastify's answers.
      expect((await api.get(`/api/v1/verify/${'X'.repeat(101)}`, customs)).status).toBe(414); // Fastify's maxParamLength
      expect((await api.get('/api/v1/verify/BW-1999-000001/more', customs)).status).toBe(404);
      expect((await api.get('/api/v1/verify/%E0%A4%A', customs)).status).toBe(400);
    });

    it('refuses a customs officer issuing (403) and an issuer naming another participant (403)', async () => {
      const before = await certificateCount();
      const wrongRole = await api.post('/api/v1/certificates', issueBody(), customs);
      expect(wrongRole.status).toBe(403);
      expect(wrongRole.headers.get('content-type')).toContain('application/problem+json');
      const otherParticipant = await api.post('/api/v1/certificates', issueBody({ exportingParticipant: 'AE' }), issuer);
      expect(otherParticipant.status).toBe(403);
      expect(otherParticipant.body.detail).toContain('BW');
      expect(await certificateCount()).toBe(before);
    });

    it("lets only the trading participants and the secretariat read a certificate", async () => {
      const issued = await api.post('/api/v1/certificates', issueBody(), issuer);
      const number = issued.body.certificateNumber;
      expect((await api.get(`/api/v1/certificates/${number}`, await api.login('in.issuer'))).status).toBe(403);
      const own = await api.get(`/api/v1/certificates/${number}`, issuer);
      expect(own.status).toBe(200);
      expect(own.body.history).toEqual([expect.objectContaining({ action: 'ISSUED', actor: 'bw.issuer' })]);
      expect((await api.get(`/api/v1/certificates/${number}`, await api.login('ae.issuer'))).status).toBe(200);
      expect((await api.get(`/api/v1/certificates/${number}`, await api.login('secretariat'))).status).toBe(200);
    });
  });

  describe('Annex I validation: every bad field named, nothing written', () => {
    const bad: [string, Record<string, unknown>, string[]][] = [
      ['importer not a country code', { importingParticipant: 'XX' }, ['importingParticipant']],
      ['importer lower case', { importingParticipant: 'ae' }, ['importingParticipant']],
      ['importer missing', { importingParticipant: undefined }, ['importingParticipant']],
      ['exporter missing', { exporter: undefined }, ['exporter']],
      ['exporter without name', { exporter: { address: 'x' } }, ['exporter.name']],
      ['exporter name empty', { exporter: { name: '', address: 'x' } }, ['exporter.name']],
      ['importer without address', { importer: { name: 'x' } }, ['importer.address']],
      ['importer is a string', { importer: 'Dubai' }, ['importer']],
      ['origin missing', { origin: undefined }, ['origin']],
      ['origin without countries', { origin: {} }, ['origin.countries']],
      ['origin empty', { origin: { countries: [] } }, ['origin.countries']],
      ['origin a bare "mixed"', { origin: { countries: ['mixed'] } }, ['origin.countries']],
      ['origin EU (not a country of mining)', { origin: { countries: ['EU'] } }, ['origin.countries']],
      ['origin repeated', { origin: { countries: ['BW', 'BW'] } }, ['origin.countries']],
      ['zones not strings', { origin: { countries: ['BW'], zones: [1] } }, ['origin.zones']],
      ['polished HS code', { hsCode: '7102.39' }, ['hsCode']],
      ['HS code missing', { hsCode: undefined }, ['hsCode']],
      ['carats zero', { carats: 0 }, ['carats']],
      ['carats negative', { carats: -5 }, ['carats']],
      ['carats three decimals', { carats: 1.234 }, ['carats']],
      ['carats as text', { carats: '12' }, ['carats']],
      ['value zero', { valueUsd: 0 }, ['valueUsd']],
      ['value as text', { valueUsd: 'a lot' }, ['valueUsd']],
      ['parcels fractional', { parcels: 1.5 }, ['parcels']],
      ['parcels zero', { parcels: 0 }, ['parcels']],
      ['expiry not a date', { expiresAt: 'next month' }, ['expiresAt']],
      ['expiry impossible date', { expiresAt: '2027-02-31' }, ['expiresAt']],
      ['expiry in the past', { expiresAt: '2001-01-01' }, ['expiresAt']],
      ['unknown field', { colour: 'D' }, ['colour']],
      ['several at once', { hsCode: 'x', carats: -1, parcels: 0 }, ['hsCode', 'carats', 'parcels']],
    ];

    it.each(bad)('%s → 400 naming %j', async (_label, overrides, fields) => {
      const before = await certificateCount();
      const r = await api.post('/api/v1/certificates', issueBody(overrides), issuer);
      expect(r.status).toBe(400);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
      const named = (r.body.errors as { field: string }[]).map((e) => e.field);
      for (const field of fields) expect(named).toContain(field);
      expect(await certificateCount()).toBe(before);
    });

    it('refuses malformed JSON with 400', async () => {
      const r = await api.request('POST', '/api/v1/certificates', '{"importingParticipant":', issuer);
      expect(r.status).toBe(400);
    });
  });

  describe('KP rules: 422 and nothing written', () => {
    it.each([
      ['a real country that is not a participant', { importingParticipant: 'FR' }, 'IMPORTER_NOT_A_PARTICIPANT'],
      ['the exporter itself', { importingParticipant: 'BW' }, 'IMPORTER_IS_EXPORTER'],
    ])('refuses an importer that is %s', async (_label, overrides, code) => {
      const before = await certificateCount();
      const r = await api.post('/api/v1/certificates', issueBody(overrides), issuer);
      expect(r.status).toBe(422);
      expect(r.body.code).toBe(code);
      expect(await certificateCount()).toBe(before);
    });
  });
});

describe('standalone: rate limits', () => {
  let platform: StandalonePlatform;

  beforeAll(async () => {
    platform = await startStandalone({ KP_RATE_LIMIT_PER_MINUTE: '5' });
  });

  afterAll(() => platform?.close());

  it('answers 429 with problem details once a user passes KP_RATE_LIMIT_PER_MINUTE, others unaffected', async () => {
    const api = platform.api;
    const customs = await api.login('ae.customs');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await api.get('/api/v1/verify/BW-1999-000001', customs)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await api.get('/api/v1/verify/BW-1999-000001', customs);
    expect(limited.headers.get('content-type')).toContain('application/problem+json');
    expect(limited.body.status).toBe(429);
    expect((await api.get('/api/v1/verify/BW-1999-000001', await api.login('bw.customs'))).status).toBe(200);
  });
});
