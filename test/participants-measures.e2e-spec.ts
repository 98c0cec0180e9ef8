import { compactVerify, createLocalJWKSet } from 'jose';
import { Api, eventually, issueBody, sql, startStandalone, StandalonePlatform } from './support/harness';

/** The registry the border trusts: participants, signing keys, measures, and what they do at the border. */
describe('participants: registry, keys and measures at the border', () => {
  let platform: StandalonePlatform;
  let api: Api;
  let bwIssuer: string;
  let customs: string;
  let secretariat: string;

  beforeAll(async () => {
    platform = await startStandalone();
    api = platform.api;
    [bwIssuer, customs, secretariat] = await Promise.all([api.login('bw.issuer'), api.login('ae.customs'), api.login('secretariat')]);
  });

  afterAll(() => platform?.close());

  const issue = async (overrides: Record<string, unknown> = {}, token = bwIssuer) => {
    const r = await api.post('/api/v1/certificates', issueBody(overrides), token);
    expect(r.status).toBe(201);
    return r.body;
  };
  const verify = async (number: string, at?: string) =>
    (await api.get(`/api/v1/verify/${number}${at ? `?at=${encodeURIComponent(at)}` : ''}`, customs)).body;
  const impose = (code: string, body: Record<string, unknown>, token = secretariat) =>
    api.post(`/api/v1/participants/${code}/measures`, { effectiveFrom: new Date().toISOString(), ...body }, token);
  const certificateCount = async () =>
    Number((await sql<{ n: string }>(platform.databaseUrl, 'SELECT count(*) AS n FROM certificates.certificate'))[0].n);

  describe('the registry', () => {
    it('lists the 60 participants, the EU with its 27 member states, the observers and Chinese Taipei apart', async () => {
      const r = await api.get('/api/v1/participants');
      expect(r.status).toBe(200);
      expect(r.body.items).toHaveLength(60);
      const eu = r.body.items.find((p: { code: string }) => p.code === 'EU');
      expect(eu).toMatchObject({ name: 'European Union', kind: 'REIO', status: 'ACTIVE' });
      expect(eu.members).toHaveLength(27);
      expect(r.body.items.find((p: { code: string }) => p.code === 'CF').name).toBe('Central African Republic');
      expect(r.body.items.some((p: { code: string }) => p.code === 'TW')).toBe(false);
      expect(r.body.separatelyListed).toEqual([expect.objectContaining({ code: 'TW' })]);
      expect(r.body.observers.map((o: { code: string }) => o.code)).toEqual(['WDC', 'CSC', 'ADPA', 'DDI']);
    });

    it("shows the Central African Republic's three historical measures with dates and legal bases", async () => {
      const r = await api.get('/api/v1/participants/CF');
      const historical = r.body.measures.filter((m: { effectiveFrom: string }) => m.effectiveFrom < '2025');
      expect(historical.map((m: Record<string, unknown>) => [m.kind, m.scope, String(m.effectiveFrom).slice(0, 10), String(m.effectiveTo).slice(0, 10)])).toEqual([
        ['SUSPENSION', 'ALL', '2013-05-23', '2015-07-17'],
        ['EMBARGO', 'ZONES', '2015-07-17', '2019-11-22'],
        ['EMBARGO', 'ZONES', '2019-11-22', '2024-11-15'],
      ]);
      for (const m of historical) expect(m.legalBasis.length).toBeGreaterThan(20);
      expect(historical[1].allowedZones).toContain('Berberati');
    });

    it('answers 404 for a participant that is not one', async () => {
      expect((await api.get('/api/v1/participants/FR')).status).toBe(404);
    });
  });

  describe('signing keys', () => {
    it("a certificate's QR checks with a standard JOSE library against the issuer's JWKS, before and after a key rotation", async () => {
      const before = await issue();
      const rotated = await api.post('/api/v1/certificates/signing-keys/BW/rotate', {}, secretariat);
      expect(rotated.status).toBe(200);
      expect(rotated.body.retired).toBe(before.signature.kid);
      const after = await issue();
      expect(after.signature.kid).toBe(rotated.body.active);
      expect(after.signature.kid).not.toBe(before.signature.kid);

      const { value: jwks } = await eventually(async () => {
        const r = await api.get('/api/v1/participants/BW/jwks');
        expect(r.body.keys.map((k: { kid: string }) => k.kid)).toEqual(expect.arrayContaining([before.signature.kid, after.signature.kid]));
        return r.body;
      });
      expect(jwks.keys.find((k: { kid: string }) => k.kid === before.signature.kid)).toMatchObject({ status: 'RETIRED', validTo: expect.any(String) });
      const keySet = createLocalJWKSet({ keys: jwks.keys.map(({ kty, crv, x, kid }: Record<string, string>) => ({ kty, crv, x, kid })) });
      for (const certificate of [before, after]) {
        const { payload, protectedHeader } = await compactVerify(certificate.qr, keySet, { algorithms: ['Ed25519', 'EdDSA'] });
        expect(protectedHeader.kid).toBe(certificate.signature.kid);
        expect(JSON.parse(new TextDecoder().decode(payload))).toMatchObject({ certificateNumber: certificate.certificateNumber, carats: 1250.5 });
      }
      // A changed field breaks it.
      const [header, body, signature] = after.qr.split('.');
      const tampered = JSON.parse(Buffer.from(body, 'base64url').toString());
      tampered.carats = 125.05;
      await expect(
        compactVerify(`${header}.${Buffer.from(JSON.stringify(tampered)).toString('base64url')}.${signature}`, keySet),
      ).rejects.toThrow();
    });

    it('only the secretariat or an administrator rotates keys', async () => {
      expect((await api.post('/api/v1/certificates/signing-keys/BW/rotate', {}, bwIssuer)).status).toBe(403);
    });
  });

  describe('measures at the border', () => {
    it('an embargo on CF makes a Central African certificate EMBARGOED with the legal basis within 2 s; lifting it makes it VALID again', async () => {
      const certificate = await issue({ origin: { countries: ['CF'] } });
      await eventually(async () => expect((await verify(certificate.certificateNumber)).verdict).toBe('VALID'));

      const imposed = await impose('CF', { kind: 'EMBARGO', scope: 'ALL', legalBasis: 'Administrative Decision KP/2026/AD-9 (test)' });
      expect(imposed.status).toBe(201);
      const { value: answer, ms } = await eventually(async () => {
        const a = await verify(certificate.certificateNumber);
        expect(a.verdict).toBe('EMBARGOED');
        return a;
      }, 2000);
      expect(ms).toBeLessThan(2000);
      expect(answer.reasons).toEqual([expect.objectContaining({ code: 'ORIGIN_EMBARGOED', legalBasis: expect.stringContaining('KP/2026/AD-9') })]);

      const lifted = await api.post(`/api/v1/participants/CF/measures/${imposed.body.id}/lift`, { legalBasis: 'Lifted by KP/2026/AD-10 (test)' }, secretariat);
      expect(lifted.status).toBe(200);
      expect(lifted.body.effectiveTo).not.toBeNull();
      await eventually(async () => expect((await verify(certificate.certificateNumber)).verdict).toBe('VALID'), 2000);
    });

    it('a ZONES measure lets goods from the allowed zones through and embargoes the rest, at issue and at the border', async () => {
      const inside = await issue({ origin: { countries: ['CF'], zones: ['Berberati'] } });
      const outside = await issue({ origin: { countries: ['CF'], zones: ['Bria'] } });
      const unnamed = await issue({ origin: { countries: ['CF'] } });
      const imposed = await impose('CF', { kind: 'EMBARGO', scope: 'ZONES', allowedZones: ['Berberati', 'Carnot'], legalBasis: 'Operational framework (test)' });
      expect(imposed.status).toBe(201);
      await eventually(async () => {
        expect((await verify(outside.certificateNumber)).verdict).toBe('EMBARGOED');
        expect((await verify(unnamed.certificateNumber)).verdict).toBe('EMBARGOED');
        expect((await verify(inside.certificateNumber)).verdict).toBe('VALID');
      });
      await eventually(async () => expect((await api.post('/api/v1/certificates', issueBody({ origin: { countries: ['CF'], zones: ['Bria'] } }), bwIssuer)).status).toBe(422));
      expect((await api.post('/api/v1/certificates', issueBody({ origin: { countries: ['CF'], zones: ['Carnot'] } }), bwIssuer)).status).toBe(201);
      await api.post(`/api/v1/participants/CF/measures/${imposed.body.id}/lift`, { legalBasis: 'end of test' }, secretariat);
      await eventually(async () => expect((await verify(outside.certificateNumber)).verdict).toBe('VALID'));
    });

    it('verifying with `at` inside a historical measure judges by it', async () => {
      const ivorian = await issue({ origin: { countries: ['CI'] } });
      await eventually(async () => expect((await verify(ivorian.certificateNumber)).verdict).toBe('VALID'));
      const in2010 = await verify(ivorian.certificateNumber, '2010-06-01T00:00:00Z');
      expect(in2010.verdict).toBe('EMBARGOED');
      expect(in2010.reasons).toEqual([expect.objectContaining({ code: 'ORIGIN_EMBARGOED', legalBasis: expect.stringContaining('1643') })]);
      const in2015 = await verify(ivorian.certificateNumber, '2015-06-01T00:00:00Z');
      expect(in2015.reasons.map((r: { code: string }) => r.code)).not.toContain('ORIGIN_EMBARGOED');
    });

    it('issuing from, to, or with an origin under a measure in force is refused with 422 citing it, and nothing is written', async () => {
      const suspension = await impose('NA', { kind: 'SUSPENSION', scope: 'ALL', legalBasis: 'Suspension of NA (test)' });
      const embargo = await impose('CD', { kind: 'EMBARGO', scope: 'ALL', legalBasis: 'Embargo on CD origin (test)' });
      expect([suspension.status, embargo.status]).toEqual([201, 201]);
      const naIssuer = await api.login('na.issuer');
      await eventually(async () => expect((await api.post('/api/v1/certificates', issueBody(), naIssuer)).status).toBe(422));
      const before = await certificateCount();
      const cases = [
        { token: naIssuer, body: issueBody(), code: 'EXPORTER_SUSPENDED' },
        { token: bwIssuer, body: issueBody({ importingParticipant: 'NA' }), code: 'IMPORTER_SUSPENDED' },
        { token: bwIssuer, body: issueBody({ origin: { countries: ['BW', 'CD'] } }), code: 'ORIGIN_EMBARGOED' },
      ];
      for (const c of cases) {
        const r = await api.post('/api/v1/certificates', c.body, c.token);
        expect(r.status).toBe(422);
        expect(r.body.code).toBe('MEASURE_IN_FORCE');
        expect(r.body.reasons.map((x: { code: string }) => x.code)).toContain(c.code);
        expect(r.body.detail).toContain('(test)');
      }
      expect(await certificateCount()).toBe(before);
      await api.post(`/api/v1/participants/NA/measures/${suspension.body.id}/lift`, { legalBasis: 'end of test' }, secretariat);
      await api.post(`/api/v1/participants/CD/measures/${embargo.body.id}/lift`, { legalBasis: 'end of test' }, secretariat);
    });

    it('only the secretariat imposes or lifts (403), and bad measures are 400 or 422', async () => {
      const body = { kind: 'EMBARGO', scope: 'ALL', legalBasis: 'not allowed' };
      expect((await impose('CF', body, bwIssuer)).status).toBe(403);
      expect((await impose('CF', body, customs)).status).toBe(403);
      expect((await api.post('/api/v1/participants/CF/measures', body)).status).toBe(401);
      const measures = (await api.get('/api/v1/participants/CF')).body.measures;
      expect((await api.post(`/api/v1/participants/CF/measures/${measures[0].id}/lift`, { legalBasis: 'no' }, bwIssuer)).status).toBe(403);

      const zonesWithout = await impose('CF', { kind: 'EMBARGO', scope: 'ZONES', legalBasis: 'zones missing' });
      expect(zonesWithout.status).toBe(400);
      expect(zonesWithout.body.errors.map((e: { field: string }) => e.field)).toContain('allowedZones');
      expect((await impose('XX', body)).status).toBe(400);
      expect((await impose('FR', body)).status).toBe(422);
      expect((await impose('CF', { ...body, kind: 'BAN' })).status).toBe(400);
      expect((await api.get('/api/v1/participants/CF')).body.measures).toHaveLength(measures.length);
    });
  });
});

describe('participants: authorities and derived status', () => {
  let platform: StandalonePlatform;
  let api: Api;
  let secretariat: string;

  beforeAll(async () => {
    platform = await startStandalone();
    api = platform.api;
    secretariat = await api.login('secretariat');
  });

  afterAll(() => platform?.close());

  it('every participant has an exporting and an importing authority; the secretariat records their contacts and endpoint', async () => {
    const before = await api.get('/api/v1/participants/BW');
    expect(before.body.authorities.map((a: { kind: string }) => a.kind)).toEqual(['EXPORTING', 'IMPORTING']);
    const body = { name: 'Diamond Hub, Ministry of Minerals', email: 'kp@minerals.gov.bw', notificationEndpoint: 'https://kp.minerals.gov.bw/notify' };
    expect((await api.request('PUT', '/api/v1/participants/BW/authorities/IMPORTING', body, await api.login('bw.issuer'))).status).toBe(403);
    const bad = await api.request('PUT', '/api/v1/participants/BW/authorities/IMPORTING', { ...body, notificationEndpoint: 'not a url' }, secretariat);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('notificationEndpoint');
    const updated = await api.request('PUT', '/api/v1/participants/BW/authorities/IMPORTING', body, secretariat);
    expect(updated.status).toBe(200);
    const after = await api.get('/api/v1/participants/BW');
    expect(after.body.authorities.find((a: { kind: string }) => a.kind === 'IMPORTING')).toMatchObject(body);
    const events = await sql(platform.databaseUrl, `SELECT 1 FROM participants.outbox WHERE message_key = 'BW' AND envelope LIKE '%authority.updated%' AND envelope LIKE '%kp.minerals.gov.bw%'`);
    expect(events).toHaveLength(1);
  });

  it('a participant shows SUSPENDED while a suspension is in force, ACTIVE again once lifted', async () => {
    const imposed = await api.post('/api/v1/participants/LS/measures', { kind: 'SUSPENSION', scope: 'ALL', effectiveFrom: new Date().toISOString(), legalBasis: 'test suspension' }, secretariat);
    expect((await api.get('/api/v1/participants/LS')).body.status).toBe('SUSPENDED');
    expect((await api.get('/api/v1/participants')).body.items.find((p: { code: string }) => p.code === 'LS').status).toBe('SUSPENDED');
    await api.post(`/api/v1/participants/LS/measures/${imposed.body.id}/lift`, { legalBasis: 'end of test' }, secretariat);
    expect((await api.get('/api/v1/participants/LS')).body.status).toBe('ACTIVE');
  });
});
