import { Api, eventually, issueBody, sql, startStandalone, StandalonePlatform } from './support/harness';

/** Dropping the border's read model and replaying the topics gives the same answers. */
describe('verification: rebuilding the read model', () => {
  let platform: StandalonePlatform;
  let api: Api;

  beforeAll(async () => {
    platform = await startStandalone();
    api = platform.api;
  });

  afterAll(() => platform?.close());

  it('gives identical answers for certificates in every state after a rebuild', async () => {
    const [bw, ae, customs, secretariat, admin] = await Promise.all(
      ['bw.issuer', 'ae.issuer', 'ae.customs', 'secretariat', 'admin'].map((u) => api.login(u)),
    );
    const issue = async (overrides: Record<string, unknown> = {}) => {
      const r = await api.post('/api/v1/certificates', issueBody(overrides), bw);
      expect(r.status).toBe(201);
      return r.body.certificateNumber as string;
    };
    const valid = await issue();
    const voided = await issue();
    const lost = await issue();
    const stolen = await issue();
    const replaced = await issue();
    const imported = await issue();
    const inspected = await issue();
    const cleared = await issue();
    const embargoed = await issue({ origin: { countries: ['CF'], zones: ['Bria'] } });
    const overvalued = await issue({ carats: 1000, valueUsd: 5_000_000 });
    await api.post(`/api/v1/certificates/${voided}/void`, { reason: 'SHIPMENT_CANCELLED' }, bw);
    await api.post(`/api/v1/certificates/${lost}/report-lost`, { kind: 'LOST', detail: 'missing' }, bw);
    await api.post(`/api/v1/certificates/${stolen}/report-lost`, { kind: 'STOLEN', detail: 'robbery' }, bw);
    const replacement = (await api.post(`/api/v1/certificates/${replaced}/replace`, issueBody(), bw)).body.certificateNumber;
    await api.post(`/api/v1/certificates/${imported}/import-confirmation`, { receivedAt: new Date().toISOString(), parcels: 2, carats: 1250.5, sealIntact: true }, ae);
    for (const number of [inspected, cleared]) {
      const shipment = await eventually(async () => {
        const r = await api.post('/api/v1/shipments', { certificateNumber: number, seals: ['S-1'] }, bw);
        expect(r.status).toBe(201);
        return r.body;
      });
      await api.post(`/api/v1/shipments/${shipment.value.id}/events`, { type: 'INSPECTED', sealIntact: false }, customs);
    }
    const flag = await eventually(async () => {
      const r = await api.get(`/api/v1/flags?certificateNumber=${cleared}`, secretariat);
      expect(r.body.items).toHaveLength(1);
      return r.body.items[0];
    });
    await api.post(`/api/v1/flags/${flag.value.id}/clear`, { justification: 'Seal replaced under supervision' }, secretariat);
    const measure = await api.post('/api/v1/participants/CF/measures', { kind: 'EMBARGO', scope: 'ZONES', allowedZones: ['Berberati'], effectiveFrom: new Date().toISOString(), legalBasis: 'rebuild test' }, secretariat);
    expect(measure.status).toBe(201);

    const cases: [string, string | undefined][] = [
      [valid, undefined],
      [valid, '2099-01-01T00:00:00Z'],
      [voided, undefined],
      [lost, undefined],
      [stolen, undefined],
      [replaced, undefined],
      [replacement, undefined],
      [imported, undefined],
      [inspected, undefined],
      [cleared, undefined],
      [embargoed, undefined],
      [overvalued, undefined],
      ['BW-1999-000001', undefined],
    ];
    const answers = async () =>
      Promise.all(
        cases.map(async ([number, at]) => {
          const a = (await api.get(`/api/v1/verify/${number}${at ? `?at=${at}` : ''}`, customs)).body;
          return { verdict: a.verdict, reasons: a.reasons, certificate: a.certificate };
        }),
      );
    // Everything has reached the read model once the last change shows.
    await eventually(async () => expect((await api.get(`/api/v1/verify/${embargoed}`, customs)).body.verdict).toBe('EMBARGOED'));
    await eventually(async () => expect((await api.get(`/api/v1/verify/${cleared}`, customs)).body.verdict).toBe('VALID'));
    const before = await answers();
    expect(before.map((a) => a.verdict)).toEqual([
      'VALID', 'EXPIRED', 'VOID', 'VOID', 'VOID', 'VOID', 'VALID', 'FLAGGED', 'FLAGGED', 'VALID', 'EMBARGOED', 'FLAGGED', 'UNKNOWN',
    ]);

    expect((await api.post('/api/v1/verification/read-model/rebuild', {}, secretariat)).status).toBe(403);
    const rebuilt = await api.post('/api/v1/verification/read-model/rebuild', {}, admin);
    expect(rebuilt.status).toBe(202);
    expect(rebuilt.body.certificates).toBeGreaterThanOrEqual(11);
    const [{ n }] = await sql<{ n: number }>(platform.databaseUrl, `SELECT max(events_applied)::int AS n FROM verification.certificate_view`);
    expect(n).toBeLessThanOrEqual(2);
    expect(await answers()).toEqual(before);
  });
});
