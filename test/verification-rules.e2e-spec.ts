import { Api, eventually, issueBody, startStandalone, StandalonePlatform } from './support/harness';

/** The border's rules end to end: valuation, the QR and what is presented, precedence. */
describe('verification: the rules behind the answer', () => {
  let platform: StandalonePlatform;
  let api: Api;
  let bwIssuer: string;
  let customs: string;

  beforeAll(async () => {
    platform = await startStandalone();
    api = platform.api;
    [bwIssuer, customs] = await Promise.all([api.login('bw.issuer'), api.login('ae.customs')]);
  });

  afterAll(() => platform?.close());

  const issue = async (overrides: Record<string, unknown> = {}) => {
    const r = await api.post('/api/v1/certificates', issueBody(overrides), bwIssuer);
    expect(r.status).toBe(201);
    await eventually(async () => expect((await api.get(`/api/v1/verify/${r.body.certificateNumber}`, customs)).body.certificate).not.toBeNull());
    return r.body;
  };
  const check = (body: Record<string, unknown>) => api.post('/api/v1/verify', body, customs);
  const codes = (answer: { reasons: { code: string }[] }) => answer.reasons.map((r) => r.code);

  it('a value per carat ten times off its origin is FLAGGED; a plausible one is VALID; an HS code contradicted by its price is FLAGGED', async () => {
    const plausible = await issue({ carats: 1000, valueUsd: 130_000 });
    const overvalued = await issue({ carats: 1000, valueUsd: 2_000_000 });
    const industrialAtGemPrices = await issue({ carats: 1000, valueUsd: 400_000, hsCode: '7102.21', origin: { countries: ['NA'] } });
    const get = async (n: string) => (await api.get(`/api/v1/verify/${n}`, customs)).body;
    expect((await get(plausible.certificateNumber)).verdict).toBe('VALID');
    const over = await get(overvalued.certificateNumber);
    expect(over.verdict).toBe('FLAGGED');
    expect(codes(over)).toEqual(['VALUE_PER_CARAT_OUTLIER']);
    expect(over.reasons[0].message).toContain('above');
    expect(codes(await get(industrialAtGemPrices.certificateNumber))).toEqual(['HS_CODE_VALUE_CONTRADICTION']);
  });

  it('POST with a good QR answers VALID; with one changed field, SIGNATURE_INVALID', async () => {
    const certificate = await issue();
    const good = await check({ qr: certificate.qr });
    expect(good.status).toBe(200);
    expect(good.body).toMatchObject({ certificateNumber: certificate.certificateNumber, verdict: 'VALID', reasons: [] });

    const [header, payload, signature] = certificate.qr.split('.');
    const altered = JSON.parse(Buffer.from(payload, 'base64url').toString());
    altered.carats = 125.05;
    const tampered = `${header}.${Buffer.from(JSON.stringify(altered)).toString('base64url')}.${signature}`;
    const bad = await check({ qr: tampered });
    expect(bad.body.verdict).toBe('FLAGGED');
    expect(codes(bad.body)).toEqual(['SIGNATURE_INVALID']);

    const unknownKey = `${Buffer.from(JSON.stringify({ alg: 'Ed25519', kid: 'XX-forged' })).toString('base64url')}.${payload}.${signature}`;
    expect(codes((await check({ qr: unknownKey })).body)).toEqual(['SIGNATURE_INVALID']);
  });

  it('presented fields that differ are DATA_MISMATCH, naming the fields; carats within the tolerance pass', async () => {
    const certificate = await issue();
    const same = await check({ certificateNumber: certificate.certificateNumber, presented: { carats: 1252, parcels: 3, exporterName: 'okavango diamond company' } });
    expect(same.body.verdict).toBe('VALID');
    const differs = await check({ certificateNumber: certificate.certificateNumber, presented: { carats: 1300, parcels: 4, hsCode: '7102.21' } });
    expect(differs.body.verdict).toBe('FLAGGED');
    expect(codes(differs.body)).toEqual(['DATA_MISMATCH']);
    expect(differs.body.reasons[0].message).toMatch(/carats.*parcels.*hsCode/);
    const otherNumber = await check({ qr: certificate.qr, certificateNumber: 'BW-2026-999999' });
    expect(codes(otherNumber.body)).toContain('DATA_MISMATCH');
  });

  it('precedence: a voided certificate with a bad value is VOID and lists both reasons', async () => {
    const certificate = await issue({ carats: 1000, valueUsd: 2_000_000 });
    await api.post(`/api/v1/certificates/${certificate.certificateNumber}/void`, { reason: 'TRANSPOSITION_ERROR' }, bwIssuer);
    const { value } = await eventually(async () => {
      const a = (await api.get(`/api/v1/verify/${certificate.certificateNumber}`, customs)).body;
      expect(a.verdict).toBe('VOID');
      return a;
    });
    expect(codes(value).sort()).toEqual(['VALUE_PER_CARAT_OUTLIER', 'VOIDED']);
  });

  it("the border's GET writes the same JSON, byte for byte, as the POST of the same number, whatever the verdict", async () => {
    const valid = await issue();
    const flagged = await issue({ carats: 1000, valueUsd: 2_000_000 });
    const odd = await issue({ exporter: { name: 'Société "Diamants" \\ Ltd, Étage 2', address: 'Rue 7, Gaborone 💎' }, carats: 1250.07 });
    const voided = await issue({ carats: 1000, valueUsd: 2_000_000 });
    await api.post(`/api/v1/certificates/${voided.certificateNumber}/void`, { reason: 'TRANSPOSITION_ERROR' }, bwIssuer);
    await eventually(async () => expect((await api.get(`/api/v1/verify/${voided.certificateNumber}`, customs)).body.verdict).toBe('VOID'));
    // the instants differ from one call to the next, and asOf too when the read model applies an event between them
    const instants = (text: string) => text.replace(/"(checkedAt|judgedAt|asOf)":"[^"]*"/g, '"$1":"…"');
    const verdicts: string[] = [];
    for (const n of [valid, flagged, odd, voided].map((c) => c.certificateNumber).concat('BW-1999-000001')) {
      const [got, posted] = [await api.get(`/api/v1/verify/${n}`, customs), await check({ certificateNumber: n })];
      expect(got.status).toBe(200);
      expect(instants(got.text)).toBe(instants(posted.text));
      expect(JSON.stringify(got.body)).toBe(got.text);
      verdicts.push(got.body.verdict);
    }
    expect(verdicts).toEqual(['VALID', 'FLAGGED', 'VALID', 'VOID', 'UNKNOWN']);
    expect((await api.get(`/api/v1/verify/${odd.certificateNumber}`, customs)).body.certificate.exporter.name).toBe('Société "Diamants" \\ Ltd, Étage 2');
  });

  it('refuses a POST with nothing to verify or an unreadable QR (400); UNKNOWN for a well-formed unknown number', async () => {
    expect((await check({})).status).toBe(400);
    const unreadable = await check({ qr: 'this is not a certificate code' });
    expect(unreadable.status).toBe(400);
    expect(unreadable.body.errors[0].field).toBe('qr');
    expect((await check({ certificateNumber: 'BW-1999-000001' })).body.verdict).toBe('UNKNOWN');
    expect((await api.post('/api/v1/verify', { certificateNumber: 'BW-1999-000001' })).status).toBe(401);
  });
});
