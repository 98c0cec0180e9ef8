import { Api, eventually, issueBody, sql, startStandalone, StandalonePlatform } from './support/harness';

/**
 * The secretariat's monitoring, computed from the events: statistics and their CSV,
 * reconciliation, unconfirmed imports found by a scheduled job, every flag in the system,
 * and yearly reports made by a job. Every figure expected here is computed from what
 * this file issued and confirmed, on a database of its own.
 */
describe('monitoring: statistics, reconciliation, unconfirmed imports, flags and reports', () => {
  let platform: StandalonePlatform;
  let api: Api;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    platform = await startStandalone({
      KP_EXPIRY_SWEEP_MS: '200',
      KP_OVERDUE_SWEEP_MS: '200',
      KP_CONFIRMATION_GRACE_MS: '1000',
      KP_UNCONFIRMED_SWEEP_MS: '200',
      KP_UNCONFIRMED_GRACE_DAYS: '30',
    });
    api = platform.api;
    const users = ['bw.issuer', 'ae.issuer', 'in.issuer', 'ae.customs', 'bw.customs', 'secretariat', 'csc.observer', 'admin'];
    const signedIn = await Promise.all(users.map((u) => api.login(u)));
    users.forEach((u, i) => (tokens[u] = signedIn[i]));
  });

  afterAll(async () => {
    await platform?.close();
  });

  // ---- what this file did, so every expected figure is computed from it -------------------

  interface Issued {
    number: string;
    exporter: string;
    importer: string;
    hsCode: string;
    carats: number;
    valueUsd: number;
    issuedAt: string;
    status: string;
    confirmedAt?: string;
  }
  const issued = new Map<string, Issued>();
  const issuerOf: Record<string, string> = { BW: 'bw.issuer', AE: 'ae.issuer', IN: 'in.issuer' };
  const quarterOf = (iso: string) => ({ year: new Date(iso).getUTCFullYear(), quarter: Math.floor(new Date(iso).getUTCMonth() / 3) + 1 });
  const round2 = (n: number) => Math.round(n * 100) / 100;

  async function issue(exporter: string, importer: string, hsCode: string, carats: number, valueUsd: number, extra: Record<string, unknown> = {}): Promise<Issued> {
    const r = await api.post(
      '/api/v1/certificates',
      issueBody({ importingParticipant: importer, hsCode, carats, valueUsd, parcels: 2, ...extra }),
      tokens[issuerOf[exporter]],
    );
    expect(r.status).toBe(201);
    const c: Issued = { number: r.body.certificateNumber, exporter, importer, hsCode, carats, valueUsd, issuedAt: r.body.issuedAt, status: 'ISSUED' };
    issued.set(c.number, c);
    return c;
  }

  async function confirm(c: Issued, body: Record<string, unknown> = {}): Promise<void> {
    const r = await api.post(
      `/api/v1/certificates/${c.number}/import-confirmation`,
      { receivedAt: new Date().toISOString(), parcels: 2, carats: c.carats, sealIntact: true, ...body },
      tokens[issuerOf[c.importer]],
    );
    expect(r.status).toBe(201);
    c.status = 'IMPORT_CONFIRMED';
    c.confirmedAt = r.body.confirmedAt;
  }

  async function voidIt(c: Issued): Promise<void> {
    const r = await api.post(`/api/v1/certificates/${c.number}/void`, { reason: 'PRINTER_ERROR' }, tokens[issuerOf[c.exporter]]);
    expect(r.status).toBe(201);
    c.status = 'VOIDED';
  }

  async function replace(c: Issued, carats: number, valueUsd: number): Promise<Issued> {
    const r = await api.post(
      `/api/v1/certificates/${c.number}/replace`,
      issueBody({ importingParticipant: c.importer, hsCode: c.hsCode, carats, valueUsd, parcels: 2 }),
      tokens[issuerOf[c.exporter]],
    );
    expect(r.status).toBe(201);
    c.status = 'VOIDED';
    const n: Issued = { number: r.body.certificateNumber, exporter: c.exporter, importer: c.importer, hsCode: c.hsCode, carats, valueUsd, issuedAt: r.body.issuedAt, status: 'ISSUED' };
    issued.set(n.number, n);
    return n;
  }

  const counted = (c: Issued) => !['VOIDED', 'REPORTED_LOST', 'REPORTED_STOLEN'].includes(c.status);

  /** The statistics this file's certificates should give, in the service's order. */
  function expectedStatistics(filter: { year?: number; quarter?: number; participant?: string } = {}) {
    const rows = new Map<string, { participant: string; flow: string; hsCode: string; year: number; quarter: number; certificates: number; carats: number; valueUsd: number }>();
    const add = (participant: string, flow: string, at: string, c: Issued) => {
      const { year, quarter } = quarterOf(at);
      if (filter.year !== undefined && filter.year !== year) return;
      if (filter.quarter !== undefined && filter.quarter !== quarter) return;
      if (filter.participant && filter.participant !== participant) return;
      const key = `${year}|${quarter}|${participant}|${flow}|${c.hsCode}`;
      const row = rows.get(key) ?? { participant, flow, hsCode: c.hsCode, year, quarter, certificates: 0, carats: 0, valueUsd: 0 };
      row.certificates += 1;
      row.carats = round2(row.carats + c.carats);
      row.valueUsd = round2(row.valueUsd + c.valueUsd);
      rows.set(key, row);
    };
    for (const c of issued.values()) {
      if (counted(c)) add(c.exporter, 'EXPORT', c.issuedAt, c);
      if (c.confirmedAt) add(c.importer, 'IMPORT', c.confirmedAt, c);
    }
    return [...rows.values()].sort(
      (a, b) =>
        a.year - b.year ||
        a.quarter - b.quarter ||
        a.participant.localeCompare(b.participant) ||
        (a.flow === b.flow ? 0 : a.flow === 'EXPORT' ? -1 : 1) ||
        a.hsCode.localeCompare(b.hsCode),
    );
  }

  const secretariat = () => tokens.secretariat;
  const statistics = async (q = '') => {
    const r = await api.get(`/api/v1/monitoring/statistics${q}`, secretariat());
    expect(r.status).toBe(200);
    return r.body.items;
  };

  // ---- who may read monitoring -------------------------------------------------------------

  it('only the secretariat reads monitoring: issuers, customs, observers and admins get 403, no token 401', async () => {
    const reads = [
      '/api/v1/monitoring/statistics',
      '/api/v1/monitoring/statistics.csv',
      '/api/v1/monitoring/reconciliation',
      '/api/v1/monitoring/unconfirmed-imports',
      '/api/v1/monitoring/flags',
      '/api/v1/monitoring/reports',
      '/api/v1/monitoring/reports/00000000-0000-4000-8000-000000000000',
    ];
    for (const user of ['bw.issuer', 'ae.customs', 'bw.customs', 'csc.observer', 'admin']) {
      for (const path of reads) {
        const r = await api.get(path, tokens[user]);
        expect({ user, path, status: r.status }).toEqual({ user, path, status: 403 });
      }
      const report = await api.post('/api/v1/monitoring/reports', { participant: 'BW', year: 2026 }, tokens[user]);
      expect(report.status).toBe(403);
      const clear = await api.post('/api/v1/monitoring/flags/00000000-0000-4000-8000-000000000000/clear', { justification: 'not mine' }, tokens[user]);
      expect(clear.status).toBe(403);
    }
    for (const path of reads) expect((await api.get(path)).status).toBe(401);
    expect((await api.get('/api/v1/monitoring/statistics', secretariat())).status).toBe(200);
    // Nothing was written by the refused report requests.
    expect((await api.get('/api/v1/monitoring/reports', secretariat())).body.items).toEqual([]);
  });

  it('refuses malformed queries with every bad field named (400)', async () => {
    const bad = await api.get('/api/v1/monitoring/statistics?year=twenty&quarter=5&participant=bw', secretariat());
    expect(bad.status).toBe(400);
    expect([...new Set(bad.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual(['participant', 'quarter', 'year']);
    expect((await api.get('/api/v1/monitoring/statistics?quarter=2', secretariat())).status).toBe(400);
    expect((await api.get('/api/v1/monitoring/unconfirmed-imports?at=yesterday', secretariat())).status).toBe(400);
    expect((await api.get('/api/v1/monitoring/flags?status=closed', secretariat())).status).toBe(400);
    expect((await api.get('/api/v1/monitoring/flags?cursor=nonsense', secretariat())).status).toBe(400);
  });

  // ---- statistics and reconciliation -------------------------------------------------------

  it('statistics and their CSV match exactly what was issued and confirmed, reflecting each change within 2 seconds', async () => {
    // Two and more participants, several HS codes, some voided or replaced, some imports confirmed.
    const a = await issue('BW', 'AE', '7102.31', 1250.5, 187500);
    const b = await issue('BW', 'AE', '7102.31', 800.25, 96000.5);
    const c = await issue('BW', 'AE', '7102.10', 100.1, 2500.35);
    const d = await issue('BW', 'IN', '7102.21', 45.75, 1200);
    const e = await issue('AE', 'IN', '7102.31', 300, 60000);
    const f = await issue('AE', 'BW', '7102.10', 12.5, 150.75);
    const g = await issue('IN', 'AE', '7102.21', 999.99, 49999.99);
    const voided = await issue('BW', 'AE', '7102.31', 10, 1000);
    await voidIt(voided);
    const old = await issue('AE', 'IN', '7102.21', 20, 2000);
    const replacement = await replace(old, 21, 2100);
    await confirm(a);
    await confirm(d);
    await confirm(f);
    await confirm(g);
    await confirm(replacement);

    const now = quarterOf(new Date().toISOString());
    const q = `?year=${now.year}&quarter=${now.quarter}`;
    await eventually(async () => expect(await statistics(q)).toEqual(expectedStatistics(now)), 2000);
    expect(await statistics()).toEqual(expectedStatistics());
    expect(await statistics(`?year=${now.year}`)).toEqual(expectedStatistics({ year: now.year }));
    expect(await statistics(`${q}&participant=BW`)).toEqual(expectedStatistics({ ...now, participant: 'BW' }));
    expect(await statistics(`?year=${now.year - 1}`)).toEqual([]);
    // A voided certificate is not an export; the replacement is; imports carry the certificate's own figures.
    const bwExports = (await statistics(`${q}&participant=BW`)).filter((r: { flow: string }) => r.flow === 'EXPORT');
    expect(bwExports.find((r: { hsCode: string }) => r.hsCode === '7102.31')).toMatchObject({ certificates: 2, carats: 2050.75, valueUsd: 283500.5 });
    expect((await statistics(`${q}&participant=IN`)).find((r: { flow: string; hsCode: string }) => r.flow === 'IMPORT' && r.hsCode === '7102.21')).toMatchObject({
      certificates: 2,
      carats: 66.75,
      valueUsd: 3300,
    });

    const csv = await api.get(`/api/v1/monitoring/statistics.csv${q}`, secretariat());
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = String(csv.body).trimEnd().split(/\r\n/);
    expect(lines[0]).toBe('year,quarter,participant,flow,hsCode,certificates,carats,valueUsd');
    expect(lines.slice(1)).toEqual(expectedStatistics(now).map((r) => [r.year, r.quarter, r.participant, r.flow, r.hsCode, r.certificates, r.carats, r.valueUsd].join(',')));

    // A new issue, then its import confirmation, each shows within 2 seconds.
    const h = await issue('IN', 'BW', '7102.10', 33.33, 3333.33);
    const seen = await eventually(async () => expect(await statistics(q)).toEqual(expectedStatistics(now)), 2000);
    expect(seen.ms).toBeLessThan(2000);
    await confirm(h);
    const confirmed = await eventually(async () => expect(await statistics(q)).toEqual(expectedStatistics(now)), 2000);
    expect(confirmed.ms).toBeLessThan(2000);
    expect(b.status).toBe('ISSUED');
    expect([c, e].every((x) => x.status === 'ISSUED')).toBe(true);
  });

  it('reconciliation sets exports of A to B against imports of B from A, and lists exactly the unconfirmed certificates', async () => {
    const x = await issue('BW', 'IN', '7102.31', 70, 7000);
    await confirm(x);
    await issue('AE', 'BW', '7102.21', 5.5, 55.55);
    const now = quarterOf(new Date().toISOString());
    const inQuarter = (c: Issued, at: string) => quarterOf(at).year === now.year && quarterOf(at).quarter === now.quarter;
    const expected = () => {
      const pairs = new Map<string, { exports: number[]; imports: number[]; unconfirmed: string[] }>();
      const pair = (c: Issued) => {
        const key = `${c.exporter}>${c.importer}`;
        if (!pairs.has(key)) pairs.set(key, { exports: [0, 0, 0], imports: [0, 0, 0], unconfirmed: [] });
        return pairs.get(key)!;
      };
      const add = (t: number[], c: Issued) => {
        t[0] += 1;
        t[1] = round2(t[1] + c.carats);
        t[2] = round2(t[2] + c.valueUsd);
      };
      for (const c of issued.values()) {
        if (counted(c) && inQuarter(c, c.issuedAt)) {
          add(pair(c).exports, c);
          if (!c.confirmedAt) pair(c).unconfirmed.push(c.number);
        }
        if (c.confirmedAt && inQuarter(c, c.confirmedAt)) add(pair(c).imports, c);
      }
      return pairs;
    };
    const want = expected();
    const { value: body } = await eventually(async () => {
      const r = await api.get(`/api/v1/monitoring/reconciliation?year=${now.year}&quarter=${now.quarter}`, secretariat());
      expect(r.status).toBe(200);
      expect(r.body.items.map((i: { exporter: string; importer: string }) => `${i.exporter}>${i.importer}`).sort()).toEqual([...want.keys()].sort());
      for (const item of r.body.items) {
        const w = want.get(`${item.exporter}>${item.importer}`)!;
        expect(item).toMatchObject({ year: now.year, quarter: now.quarter });
        const f = (t: number[]) => ({ certificates: t[0], carats: t[1], valueUsd: t[2] });
        expect(item.exports).toEqual(f(w.exports));
        expect(item.imports).toEqual(f(w.imports));
        expect(item.difference).toEqual({
          certificates: w.exports[0] - w.imports[0],
          carats: round2(w.exports[1] - w.imports[1]),
          valueUsd: round2(w.exports[2] - w.imports[2]),
        });
        expect(item.unconfirmed.map((u: { certificateNumber: string }) => u.certificateNumber)).toEqual(w.unconfirmed.sort());
      }
      return r.body;
    }, 2000);
    const listed = body.items.flatMap((i: { unconfirmed: { certificateNumber: string }[] }) => i.unconfirmed.map((u) => u.certificateNumber)).sort();
    const unconfirmed = [...issued.values()].filter((c) => counted(c) && !c.confirmedAt).map((c) => c.number).sort();
    expect(listed).toEqual(unconfirmed);
    // One participant's trade, either side.
    const bw = await api.get(`/api/v1/monitoring/reconciliation?year=${now.year}&quarter=${now.quarter}&participant=BW`, secretariat());
    expect(bw.body.items.every((i: { exporter: string; importer: string }) => i.exporter === 'BW' || i.importer === 'BW')).toBe(true);
    expect(bw.body.items.length).toBe([...want.keys()].filter((k) => k.includes('BW')).length);
  });

  // ---- unconfirmed imports -----------------------------------------------------------------

  it('an expired certificate with no confirmation is flagged once by the scheduled job, both authorities noticed; one confirmed in time is not', async () => {
    const lapsed = await issue('BW', 'AE', '7102.31', 400, 40000);
    const confirmedInTime = await issue('BW', 'AE', '7102.31', 401, 40100);
    const inGrace = await issue('BW', 'IN', '7102.10', 3, 30);
    await confirm(confirmedInTime);

    // Past expiry plus the 30-day grace: the certificates' expiry sweep announces it, monitoring's sweep flags it.
    await sql(platform.databaseUrl, `UPDATE certificates.certificate SET expires_at = now() - interval '31 days' WHERE certificate_number = $1`, [lapsed.number]);
    // Expired only yesterday: still within the grace period.
    await sql(platform.databaseUrl, `UPDATE certificates.certificate SET expires_at = now() - interval '1 day' WHERE certificate_number = $1`, [inGrace.number]);
    // Confirmed before its expiry, which has passed since: the certificates service announces nothing for it, so both copies are set.
    await eventually(async () => expect(await sql(platform.databaseUrl, `SELECT 1 FROM monitoring.certificate WHERE certificate_number = $1 AND confirmed_at IS NOT NULL`, [confirmedInTime.number])).toHaveLength(1));
    for (const schema of ['certificates', 'monitoring']) {
      await sql(platform.databaseUrl, `UPDATE ${schema}.certificate SET expires_at = now() - interval '40 days' WHERE certificate_number = $1`, [confirmedInTime.number]);
    }

    const { value: listed } = await eventually(
      async () => {
        const r = await api.get('/api/v1/monitoring/unconfirmed-imports', secretariat());
        expect(r.status).toBe(200);
        expect(r.body.items.map((i: { certificateNumber: string }) => i.certificateNumber)).toEqual([lapsed.number]);
        expect(r.body.items[0].flag).not.toBeNull();
        return r.body;
      },
      10_000,
      100,
    );
    expect(listed.graceDays).toBe(30);
    const item = listed.items[0];
    expect(item).toMatchObject({ exportingParticipant: 'BW', importingParticipant: 'AE', hsCode: '7102.31', carats: 400, valueUsd: 40000, status: 'ISSUED', confirmedAt: null });
    expect(new Date(item.overdueSince).getTime() - new Date(item.expiresAt).getTime()).toBe(30 * 24 * 3600 * 1000);
    expect(item.notifications.map((n: { recipient: string; authority: string; status: string }) => [n.recipient, n.authority, n.status]).sort()).toEqual([
      ['AE', 'IMPORTING', 'RECORDED'],
      ['BW', 'EXPORTING', 'RECORDED'],
    ]);
    expect(item.notifications.find((n: { recipient: string }) => n.recipient === 'AE').authorityName).toContain('importing authority');

    // The flag is in the flags list, with its certificate and reason.
    const flags = await api.get(`/api/v1/monitoring/flags?code=IMPORT_UNCONFIRMED`, secretariat());
    expect(flags.body.items).toEqual([
      expect.objectContaining({
        id: item.flag.id,
        certificateNumber: lapsed.number,
        code: 'IMPORT_UNCONFIRMED',
        source: 'monitoring',
        owner: 'monitoring',
        status: 'open',
        message: expect.stringContaining('No import confirmation from AE'),
        certificate: expect.objectContaining({ exportingParticipant: 'BW', importingParticipant: 'AE', hsCode: '7102.31', carats: 400 }),
      }),
    ]);
    expect((await api.get(`/api/v1/monitoring/flags?code=IMPORT_UNCONFIRMED&participant=IN`, secretariat())).body.items).toEqual([]);
    expect((await api.get(`/api/v1/monitoring/flags?code=IMPORT_UNCONFIRMED&participant=AE`, secretariat())).body.items).toHaveLength(1);

    // The one still in its grace period is announced as expired, but not flagged; judged 40 days on it would be listed.
    await eventually(async () => expect(await sql(platform.databaseUrl, `SELECT 1 FROM monitoring.certificate WHERE certificate_number = $1 AND expiry_announced_at IS NOT NULL`, [inGrace.number])).toHaveLength(1), 5000, 100);
    const later = new Date(Date.now() + 40 * 24 * 3600 * 1000).toISOString();
    const judgedLater = await api.get(`/api/v1/monitoring/unconfirmed-imports?at=${encodeURIComponent(later)}`, secretariat());
    expect(judgedLater.body.items.map((i: { certificateNumber: string }) => i.certificateNumber)).toEqual(expect.arrayContaining([lapsed.number, inGrace.number]));
    expect(judgedLater.body.items.map((i: { certificateNumber: string }) => i.certificateNumber)).not.toContain(confirmedInTime.number);
    expect(judgedLater.body.items.find((i: { certificateNumber: string }) => i.certificateNumber === inGrace.number).flag).toBeNull();

    // Once: later sweeps add no flag and no notice.
    await new Promise((r) => setTimeout(r, 800));
    const [counts] = await sql<{ flags: number; notices: number }>(
      platform.databaseUrl,
      `SELECT (SELECT count(*)::int FROM monitoring.flag WHERE code = 'IMPORT_UNCONFIRMED') AS flags,
              (SELECT count(*)::int FROM monitoring.authority_notification) AS notices`,
    );
    expect(counts).toEqual({ flags: 1, notices: 2 });

    // A late confirmation ends it: the flag is cleared on the record, the list judged now is empty, judged before it is not.
    await confirm(lapsed);
    await eventually(async () => {
      const r = await api.get(`/api/v1/monitoring/flags?code=IMPORT_UNCONFIRMED&status=cleared`, secretariat());
      expect(r.body.items).toEqual([expect.objectContaining({ id: item.flag.id, status: 'cleared', clearedBy: 'system', justification: expect.stringContaining('Import confirmed by AE') })]);
    }, 2000);
    expect((await api.get('/api/v1/monitoring/unconfirmed-imports', secretariat())).body.items).toEqual([]);
    // A millisecond before: a second before may precede the issue itself when the test runs fast.
    const before = new Date(new Date(lapsed.confirmedAt!).getTime() - 1).toISOString();
    const judgedBefore = await api.get(`/api/v1/monitoring/unconfirmed-imports?at=${encodeURIComponent(before)}`, secretariat());
    expect(judgedBefore.body.items.map((i: { certificateNumber: string }) => i.certificateNumber)).toEqual([lapsed.number]);
  });

  // ---- flags across the system -------------------------------------------------------------

  it("lists every flag across the system with its certificate and reason: the border's, the import's, overdue confirmations; cleared ones with who and why", async () => {
    // A broken seal at the border (verification raises it).
    const sealed = await issue('BW', 'AE', '7102.21', 250, 25000);
    const { value: shipment } = await eventually(async () => {
      const r = await api.post('/api/v1/shipments', { certificateNumber: sealed.number, seals: ['BW-SEAL-9'] }, tokens['bw.issuer']);
      expect(r.status).toBe(201);
      return r.body;
    });
    expect((await api.post(`/api/v1/shipments/${shipment.id}/events`, { type: 'INSPECTED', sealIntact: false, remarks: 'Seal cut' }, tokens['ae.customs'])).status).toBe(201);
    // A weight beyond tolerance at import (verification raises it from the confirmation).
    const heavy = await issue('AE', 'IN', '7102.31', 100, 9000);
    await confirm(heavy, { carats: 110 });
    // An arrival left unconfirmed (shipments reports it; monitoring flags it).
    const waiting = await issue('BW', 'AE', '7102.10', 60, 600);
    const { value: second } = await eventually(async () => {
      const r = await api.post('/api/v1/shipments', { certificateNumber: waiting.number, seals: ['BW-SEAL-10'] }, tokens['bw.issuer']);
      expect(r.status).toBe(201);
      return r.body;
    });
    expect((await api.post(`/api/v1/shipments/${second.id}/events`, { type: 'ARRIVED' }, tokens['ae.customs'])).status).toBe(201);

    const byCode = async (code: string, extra = '') => (await api.get(`/api/v1/monitoring/flags?code=${code}${extra}`, secretariat())).body.items;
    const { value: seal } = await eventually(async () => {
      const items = await byCode('SEAL_BROKEN');
      expect(items).toHaveLength(1);
      return items[0];
    });
    expect(seal).toMatchObject({
      certificateNumber: sealed.number,
      source: 'border',
      owner: 'verification',
      status: 'open',
      message: expect.stringContaining('AE border'),
      certificate: expect.objectContaining({ exportingParticipant: 'BW', importingParticipant: 'AE', hsCode: '7102.21', carats: 250, valueUsd: 25000 }),
    });
    await eventually(async () => expect(await byCode('WEIGHT_MISMATCH')).toEqual([expect.objectContaining({ certificateNumber: heavy.number, source: 'import-confirmation', owner: 'verification' })]));
    const { value: overdue } = await eventually(
      async () => {
        const items = await byCode('CONFIRMATION_OVERDUE');
        expect(items).toEqual([expect.objectContaining({ certificateNumber: waiting.number, source: 'shipments', owner: 'monitoring', status: 'open' })]);
        return items[0];
      },
      10_000,
      100,
    );

    // Filters: by participant (either side), by status.
    expect((await byCode('SEAL_BROKEN', '&participant=IN'))).toEqual([]);
    expect((await byCode('SEAL_BROKEN', '&participant=BW'))).toHaveLength(1);
    expect((await byCode('WEIGHT_MISMATCH', '&participant=IN'))).toHaveLength(1);
    const open = (await api.get('/api/v1/monitoring/flags?participant=BW', secretariat())).body.items.map((f: { code: string }) => f.code);
    expect(open).toEqual(expect.arrayContaining(['SEAL_BROKEN', 'CONFIRMATION_OVERDUE']));
    expect(open).not.toContain('WEIGHT_MISMATCH');

    // Verification's flag is cleared where it is kept; monitoring shows who cleared it and why.
    expect((await api.post(`/api/v1/monitoring/flags/${seal.id}/clear`, { justification: 'Resealed' }, secretariat())).status).toBe(409);
    expect((await api.post(`/api/v1/flags/${seal.id}/clear`, { justification: 'Seal replaced under customs supervision' }, secretariat())).status).toBe(200);
    await eventually(async () =>
      expect(await byCode('SEAL_BROKEN', '&status=cleared')).toEqual([
        expect.objectContaining({ id: seal.id, status: 'cleared', clearedBy: 'secretariat', justification: 'Seal replaced under customs supervision', clearedAt: expect.any(String) }),
      ]),
    );
    expect(await byCode('SEAL_BROKEN')).toEqual([]);
    expect(await byCode('SEAL_BROKEN', '&status=all')).toHaveLength(1);

    // Monitoring's own flag is cleared here, once.
    const cleared = await api.post(`/api/v1/monitoring/flags/${overdue.id}/clear`, { justification: 'Authority confirmed receipt by telephone' }, secretariat());
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ id: overdue.id, status: 'cleared', clearedBy: 'secretariat', justification: 'Authority confirmed receipt by telephone' });
    expect((await api.post(`/api/v1/monitoring/flags/${overdue.id}/clear`, { justification: 'again' }, secretariat())).status).toBe(409);
    expect((await api.post(`/api/v1/monitoring/flags/00000000-0000-4000-8000-000000000000/clear`, { justification: 'nothing' }, secretariat())).status).toBe(404);
    expect((await api.post(`/api/v1/monitoring/flags/${overdue.id}/clear`, { justification: '' }, secretariat())).status).toBe(400);

    // Pages: limit and cursor walk the whole list once.
    const all = (await api.get('/api/v1/monitoring/flags?status=all&limit=500', secretariat())).body.items.map((f: { id: string }) => f.id);
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await api.get(
        `/api/v1/monitoring/flags?status=all&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        secretariat(),
      );
      walked.push(...page.body.items.map((f) => f.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(walked).toEqual(all);
    expect(all.length).toBeGreaterThanOrEqual(4);
  });

  // ---- reports ------------------------------------------------------------------------------

  it("a participant's yearly summary is computed by a job, kept, announced, and served as JSON and CSV", async () => {
    const year = new Date().getUTCFullYear();
    const requested = await api.post('/api/v1/monitoring/reports', { participant: 'BW', year }, secretariat());
    expect(requested.status).toBe(202);
    expect(requested.body).toMatchObject({ id: expect.any(String), kind: 'ANNUAL_SUMMARY', participant: 'BW', year, status: 'PENDING', requestedBy: 'secretariat' });
    const id = requested.body.id;

    const { value: report } = await eventually(
      async () => {
        const r = await api.get(`/api/v1/monitoring/reports/${id}`, secretariat());
        expect(r.status).toBe(200);
        expect(r.body.status).toBe('READY');
        return r.body;
      },
      10_000,
      100,
    );
    const mine = [...issued.values()].filter((c) => c.exporter === 'BW' && quarterOf(c.issuedAt).year === year);
    const total = (list: Issued[]) => ({
      certificates: list.length,
      carats: round2(list.reduce((s, c) => s + c.carats, 0)),
      valueUsd: round2(list.reduce((s, c) => s + c.valueUsd, 0)),
    });
    const imports = [...issued.values()].filter((c) => c.importer === 'BW' && c.confirmedAt && quarterOf(c.confirmedAt).year === year);
    expect(report.content).toMatchObject({
      kind: 'ANNUAL_SUMMARY',
      participant: 'BW',
      participantName: 'Botswana',
      year,
      exports: { total: total(mine.filter(counted)) },
      imports: { total: total(imports) },
      certificates: {
        issued: mine.length,
        counted: mine.filter(counted).length,
        voided: mine.filter((c) => c.status === 'VOIDED').length,
        importConfirmed: mine.filter((c) => c.status === 'IMPORT_CONFIRMED').length,
      },
    });
    expect(report.content.exports.byQuarter).toHaveLength(4);
    expect(report.content.flags.raised).toBeGreaterThanOrEqual(3); // seal, overdue, unconfirmed import on BW's trade

    // Announced through the outbox, in the transaction that stored it.
    await eventually(async () => {
      const [row] = await sql<{ envelope: string; published_at: Date | null }>(
        platform.databaseUrl,
        `SELECT envelope, published_at FROM monitoring.outbox WHERE envelope LIKE '%monitoring.report.generated%' AND envelope LIKE $1`,
        [`%${id}%`],
      );
      expect(JSON.parse(row.envelope)).toMatchObject({ type: 'monitoring.report.generated', aggregateId: 'BW', payload: { reportId: id, kind: 'ANNUAL_SUMMARY', participant: 'BW', year } });
      expect(row.published_at).not.toBeNull();
    });

    const csv = await api.get(`/api/v1/monitoring/reports/${id}?format=csv`, secretariat());
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = String(csv.body).trimEnd().split(/\r\n/);
    const t = total(mine.filter(counted));
    expect(lines.slice(0, 2)).toEqual(['section,flow,key,certificates,carats,valueUsd', `total,EXPORT,BW ${year},${t.certificates},${t.carats},${t.valueUsd}`]);

    const listed = await api.get(`/api/v1/monitoring/reports?participant=BW&year=${year}`, secretariat());
    expect(listed.body.items).toEqual([expect.objectContaining({ id, status: 'READY' })]);

    // Refusals: not a participant (422), a year not begun or malformed (400), an unknown report (404).
    expect((await api.post('/api/v1/monitoring/reports', { participant: 'XX', year }, secretariat())).status).toBe(422);
    expect((await api.post('/api/v1/monitoring/reports', { participant: 'BW', year: year + 1 }, secretariat())).status).toBe(400);
    expect((await api.post('/api/v1/monitoring/reports', { participant: 'bw', year: 'last' }, secretariat())).status).toBe(400);
    expect((await api.get('/api/v1/monitoring/reports/00000000-0000-4000-8000-000000000000', secretariat())).status).toBe(404);
  });

  // ---- the one view observers may read ------------------------------------------------------

  it("observers may read a closed year's published totals, and nothing of the current year", async () => {
    const lastYear = new Date().getUTCFullYear() - 1;
    // A certificate of last year, as monitoring would have recorded it then.
    const old = await issue('IN', 'AE', '7102.31', 12.34, 5678.9);
    await eventually(async () => expect(await sql(platform.databaseUrl, `SELECT 1 FROM monitoring.certificate WHERE certificate_number = $1`, [old.number])).toHaveLength(1));
    await sql(platform.databaseUrl, `UPDATE monitoring.certificate SET issued_at = make_timestamptz($2, 6, 30, 12, 0, 0, 'UTC') WHERE certificate_number = $1`, [old.number, lastYear]);

    const published = await api.get(`/api/v1/monitoring/published-statistics?year=${lastYear}`, tokens['csc.observer']);
    expect(published.status).toBe(200);
    expect(published.body).toEqual({ year: lastYear, items: [{ participant: 'IN', flow: 'EXPORT', certificates: 1, carats: 12.34, valueUsd: 5678.9 }] });
    expect((await api.get(`/api/v1/monitoring/published-statistics?year=${lastYear}`, secretariat())).body).toEqual(published.body);
    const current = await api.get(`/api/v1/monitoring/published-statistics?year=${lastYear + 1}`, tokens['csc.observer']);
    expect(current.status).toBe(422);
    expect(current.body.code).toBe('YEAR_NOT_CLOSED');
    expect((await api.get('/api/v1/monitoring/published-statistics', tokens['csc.observer'])).status).toBe(400);
    for (const user of ['bw.issuer', 'ae.customs', 'admin']) {
      expect((await api.get(`/api/v1/monitoring/published-statistics?year=${lastYear}`, tokens[user])).status).toBe(403);
    }
    // Everything else stays the secretariat's.
    expect((await api.get(`/api/v1/monitoring/statistics?year=${lastYear}`, tokens['csc.observer'])).status).toBe(403);
  });
});
