import { Api, eventually, issueBody, sql, startStandalone, StandalonePlatform } from './support/harness';

/** The Annex I lifecycle: void, lost or stolen, replacement, import confirmation, listing; each reaching the border. */
describe('certificates: lifecycle and what the border makes of it', () => {
  let platform: StandalonePlatform;
  let api: Api;
  let bwIssuer: string;
  let aeIssuer: string;
  let inIssuer: string;
  let customs: string;

  beforeAll(async () => {
    platform = await startStandalone();
    api = platform.api;
    [bwIssuer, aeIssuer, inIssuer, customs] = await Promise.all(
      ['bw.issuer', 'ae.issuer', 'in.issuer', 'ae.customs'].map((u) => api.login(u)),
    );
  });

  afterAll(() => platform?.close());

  const issue = async (overrides: Record<string, unknown> = {}) => {
    const r = await api.post('/api/v1/certificates', issueBody(overrides), bwIssuer);
    expect(r.status).toBe(201);
    return r.body.certificateNumber as string;
  };
  const verdictOf = async (number: string) => (await api.get(`/api/v1/verify/${number}`, customs)).body;
  const expectVerdict = (number: string, verdict: string, code?: string) =>
    eventually(async () => {
      const answer = await verdictOf(number);
      expect(answer.verdict).toBe(verdict);
      if (code) expect(answer.reasons.map((r: { code: string }) => r.code)).toContain(code);
      return answer;
    }, 5000); // the 2-second promise is measured in the standalone and shipments suites; here it only waits

  it('200 certificates issued concurrently by one participant get 200 distinct numbers with no gap', async () => {
    const numbers = await Promise.all(Array.from({ length: 200 }, () => issue()));
    const serials = numbers.map((n) => Number(n.slice(-6))).sort((a, b) => a - b);
    expect(new Set(serials).size).toBe(200);
    expect(serials[199] - serials[0]).toBe(199);
  }, 60_000);

  it('void: the issuing participant voids with a coded reason; the border says VOID; a second void is 409', async () => {
    const number = await issue();
    await expectVerdict(number, 'VALID');
    expect((await api.post(`/api/v1/certificates/${number}/void`, { reason: 'PRINTER_ERROR' }, aeIssuer)).status).toBe(403);
    const bad = await api.post(`/api/v1/certificates/${number}/void`, { reason: 'CHANGED_MY_MIND' }, bwIssuer);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('reason');
    const voided = await api.post(`/api/v1/certificates/${number}/void`, { reason: 'PRINTER_ERROR', detail: 'Misprint on sheet 2' }, bwIssuer);
    expect(voided.status).toBe(201);
    expect(voided.body.status).toBe('VOIDED');
    await expectVerdict(number, 'VOID', 'VOIDED');
    expect((await api.post(`/api/v1/certificates/${number}/void`, { reason: 'PRINTER_ERROR' }, bwIssuer)).status).toBe(409);
    const history = (await api.get(`/api/v1/certificates/${number}`, bwIssuer)).body.history;
    expect(history.map((h: { action: string }) => h.action)).toEqual(['ISSUED', 'VOIDED']);
    expect(history[1]).toMatchObject({ actor: 'bw.issuer', detail: { reason: 'PRINTER_ERROR', detail: 'Misprint on sheet 2' } });
  });

  it.each([
    ['LOST', 'REPORTED_LOST'],
    ['STOLEN', 'REPORTED_STOLEN'],
  ])('reported %s: the border says VOID with %s', async (kind, code) => {
    const number = await issue();
    const r = await api.post(`/api/v1/certificates/${number}/report-lost`, { kind, detail: 'Pouch missing at the transit hub' }, bwIssuer);
    expect(r.status).toBe(201);
    expect(r.body.status).toBe(code);
    await expectVerdict(number, 'VOID', code);
  });

  it('replace: a new certificate names the one it replaces, which is voided in the same transaction', async () => {
    const old = await issue();
    const replaced = await api.post(`/api/v1/certificates/${old}/replace`, issueBody({ parcels: 4 }), bwIssuer);
    expect(replaced.status).toBe(201);
    expect(replaced.body).toMatchObject({ replaces: old, status: 'ISSUED', parcels: 4 });
    const [oldRow] = await sql<{ status: string }>(platform.databaseUrl, 'SELECT status FROM certificates.certificate WHERE certificate_number = $1', [old]);
    expect(oldRow.status).toBe('VOIDED');
    await expectVerdict(old, 'VOID', 'VOIDED');
    await expectVerdict(replaced.body.certificateNumber, 'VALID');
    // A voided certificate cannot be replaced again, and nothing is written.
    const count = async () => Number((await sql<{ n: string }>(platform.databaseUrl, 'SELECT count(*) AS n FROM certificates.certificate'))[0].n);
    const before = await count();
    expect((await api.post(`/api/v1/certificates/${old}/replace`, issueBody(), bwIssuer)).status).toBe(409);
    expect((await api.post(`/api/v1/certificates/${replaced.body.certificateNumber}/replace`, issueBody({ carats: -1 }), bwIssuer)).status).toBe(400);
    expect(await count()).toBe(before);
  });

  describe('import confirmation', () => {
    const confirmation = (overrides: Record<string, unknown> = {}) => ({
      receivedAt: new Date().toISOString(),
      parcels: 3,
      carats: 1250.5,
      sealIntact: true,
      ...overrides,
    });

    it('the importing participant confirms once (a second is 409); the border then says ALREADY_IMPORTED', async () => {
      const number = await issue();
      expect((await api.post(`/api/v1/certificates/${number}/import-confirmation`, confirmation(), bwIssuer)).status).toBe(403);
      expect((await api.post(`/api/v1/certificates/${number}/import-confirmation`, confirmation(), inIssuer)).status).toBe(403);
      const confirmed = await api.post(`/api/v1/certificates/${number}/import-confirmation`, confirmation({ carats: 1246 }), aeIssuer);
      expect(confirmed.status).toBe(201);
      expect(confirmed.body.discrepancies).toEqual([]);
      const again = await api.post(`/api/v1/certificates/${number}/import-confirmation`, confirmation(), aeIssuer);
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('ALREADY_CONFIRMED');
      const { value: answer } = await expectVerdict(number, 'FLAGGED', 'ALREADY_IMPORTED');
      expect(answer.reasons.map((r: { code: string }) => r.code)).not.toContain('WEIGHT_MISMATCH');
      expect((await api.post(`/api/v1/certificates/${number}/void`, { reason: 'PRINTER_ERROR' }, bwIssuer)).status).toBe(409);
    });

    it('parcels or carats that differ from the certificate raise flags the border shows', async () => {
      const number = await issue();
      const confirmed = await api.post(
        `/api/v1/certificates/${number}/import-confirmation`,
        confirmation({ carats: 1213, parcels: 2, sealIntact: false }),
        aeIssuer,
      );
      expect(confirmed.status).toBe(201);
      expect(confirmed.body.discrepancies.map((d: { code: string }) => d.code)).toEqual(['WEIGHT_MISMATCH', 'PARCELS_MISMATCH', 'SEAL_BROKEN']);
      const { value: answer } = await expectVerdict(number, 'FLAGGED', 'WEIGHT_MISMATCH');
      expect(answer.reasons.map((r: { code: string }) => r.code)).toEqual(
        expect.arrayContaining(['ALREADY_IMPORTED', 'WEIGHT_MISMATCH', 'PARCELS_MISMATCH', 'SEAL_BROKEN']),
      );
    });

    it('refuses a bad confirmation with 400 naming the fields, and writes nothing', async () => {
      const number = await issue();
      const r = await api.post(`/api/v1/certificates/${number}/import-confirmation`, { receivedAt: 'yesterday', parcels: 0, carats: 'x' }, aeIssuer);
      expect(r.status).toBe(400);
      expect(r.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['receivedAt', 'parcels', 'carats', 'sealIntact']));
      expect(await sql(platform.databaseUrl, 'SELECT 1 FROM certificates.import_confirmation WHERE certificate_number = $1', [number])).toHaveLength(0);
    });
  });

  it('EXPIRED when judged after expiresAt, VALID the day before', async () => {
    const number = await issue({ expiresAt: '2027-03-31' });
    await expectVerdict(number, 'VALID');
    const after = (await api.get(`/api/v1/verify/${number}?at=2027-04-01T00:00:00Z`, customs)).body;
    expect(after).toMatchObject({ verdict: 'EXPIRED', reasons: [{ code: 'EXPIRED' }] });
    const before = (await api.get(`/api/v1/verify/${number}?at=2027-03-31T12:00:00Z`, customs)).body;
    expect(before.verdict).toBe('VALID');
  });

  it("roles: BW's issuer cannot void or confirm AE's certificates; an observer cannot read certificate details", async () => {
    const aes = await api.post('/api/v1/certificates', issueBody({ importingParticipant: 'BW' }), aeIssuer);
    expect(aes.status).toBe(201);
    const number = aes.body.certificateNumber;
    expect((await api.post(`/api/v1/certificates/${number}/void`, { reason: 'PRINTER_ERROR' }, bwIssuer)).status).toBe(403);
    const toAe = await issue();
    const confirmation = { receivedAt: new Date().toISOString(), parcels: 3, carats: 1250.5, sealIntact: true };
    expect((await api.post(`/api/v1/certificates/${toAe}/import-confirmation`, confirmation, bwIssuer)).status).toBe(403);
    const observer = await api.login('csc.observer');
    expect((await api.get(`/api/v1/certificates/${toAe}`, observer)).status).toBe(403);
    expect((await api.get('/api/v1/certificates', observer)).status).toBe(403);
    expect((await api.get(`/api/v1/verify/${toAe}`, observer)).status).toBe(403);
    expect((await api.post('/api/v1/certificates', issueBody(), customs)).status).toBe(403);
  });

  describe('listing', () => {
    it("shows a participant its own exports and imports, newest first, page by page; others' only to the secretariat", async () => {
      const mine = [await issue(), await issue(), await issue()];
      const first = await api.get('/api/v1/certificates?limit=2', bwIssuer);
      expect(first.status).toBe(200);
      expect(first.body.items.map((c: { certificateNumber: string }) => c.certificateNumber)).toEqual([mine[2], mine[1]]);
      const second = await api.get(`/api/v1/certificates?limit=2&cursor=${first.body.nextCursor}`, bwIssuer);
      expect(second.body.items[0].certificateNumber).toBe(mine[0]);
      const asImporter = await api.get('/api/v1/certificates?limit=5', aeIssuer);
      expect(asImporter.body.items.map((c: { certificateNumber: string }) => c.certificateNumber)).toContain(mine[2]);
      const other = await api.get('/api/v1/certificates?limit=500', inIssuer);
      expect(other.body.items).toEqual([]);
      expect(other.body.nextCursor).toBeNull();
      expect((await api.get('/api/v1/certificates?participant=BW', inIssuer)).status).toBe(403);
      const secretariat = await api.get('/api/v1/certificates?participant=BW&status=VOIDED&limit=500', await api.login('secretariat'));
      expect(secretariat.body.items.length).toBeGreaterThan(0);
      expect(secretariat.body.items.every((c: { status: string }) => c.status === 'VOIDED')).toBe(true);
      expect((await api.get('/api/v1/certificates?cursor=nonsense', bwIssuer)).status).toBe(400);
      expect((await api.get('/api/v1/certificates?limit=501', bwIssuer)).status).toBe(400);
    });
  });
});
