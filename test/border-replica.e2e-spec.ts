import { Api, eventually, issueBody, sql, startStandalone, StandalonePlatform } from './support/harness';

/**
 * The border answers from memory: the read model's table, held by each verification
 * instance and kept current by the table's change notifications (whoever writes it).
 * These check the answers stay those of the table: after the consumer's writes, after
 * SQL written by hand, after a truncate, for a row the memory never saw.
 */
describe('verification: the read model held in memory follows the table', () => {
  let platform: StandalonePlatform;
  let api: Api;
  let issuer: string;
  let customs: string;
  let admin: string;

  beforeAll(async () => {
    platform = await startStandalone();
    api = platform.api;
    [issuer, customs, admin] = await Promise.all([api.login('bw.issuer'), api.login('ae.customs'), api.login('admin')]);
  });

  afterAll(() => platform?.close());

  const verify = async (n: string) => (await api.get(`/api/v1/verify/${n}`, customs)).body;
  const status = async () => (await api.get('/api/v1/verification/read-model', admin)).body;
  const issue = async () => {
    const r = await api.post('/api/v1/certificates', issueBody(), issuer);
    expect(r.status).toBe(201);
    return r.body.certificateNumber as string;
  };

  it('holds every certificate of the table, and answers a new one at once', async () => {
    const number = await issue();
    await eventually(async () => expect((await verify(number)).verdict).toBe('VALID'));
    await eventually(async () => {
      const s = await status();
      expect(s.inMemory).toEqual({ live: true, certificates: s.certificates });
      expect(s.certificates).toBeGreaterThan(0);
    });
  });

  it('a change written to the table by hand shows in the next answers', async () => {
    const number = await issue();
    await eventually(async () => expect((await verify(number)).verdict).toBe('VALID'));
    await sql(platform.databaseUrl, `UPDATE verification.certificate_view SET status = 'VOIDED' WHERE certificate_number = $1`, [number]);
    await eventually(async () => expect((await verify(number)).verdict).toBe('VOID'), 1000, 5);
    await sql(
      platform.databaseUrl,
      `UPDATE verification.certificate_view SET status = 'ISSUED', flags = $2::jsonb WHERE certificate_number = $1`,
      [number, JSON.stringify([{ id: '6f1f0b0e-0000-4000-8000-000000000001', code: 'SEAL_BROKEN', message: 'Seal broken at the border.', source: 'border' }])],
    );
    const flagged = (await eventually(async () => {
      const a = await verify(number);
      expect(a.verdict).toBe('FLAGGED');
      return a;
    }, 1000, 5)).value;
    expect(flagged.reasons).toEqual([{ code: 'SEAL_BROKEN', message: 'Seal broken at the border.' }]);
  });

  it('a row the memory has not seen (inserted by hand) is found; a row deleted is UNKNOWN', async () => {
    const number = await issue();
    await eventually(async () => expect((await verify(number)).verdict).toBe('VALID'));
    const copy = number.replace(/-(\d{6})$/, (_, serial) => `-${String(999_999 - Number(serial)).padStart(6, '0')}`);
    await sql(
      platform.databaseUrl,
      `INSERT INTO verification.certificate_view (certificate_number, status, exporting_participant, importing_participant, issued_at, expires_at, summary, flags, events_applied, updated_at)
       SELECT $2, status, exporting_participant, importing_participant, issued_at, expires_at, summary, flags, 1, now()
         FROM verification.certificate_view WHERE certificate_number = $1`,
      [number, copy],
    );
    expect((await verify(copy)).verdict).toBe('VALID');
    await sql(platform.databaseUrl, `DELETE FROM verification.certificate_view WHERE certificate_number = $1`, [copy]);
    await eventually(async () => expect((await verify(copy)).verdict).toBe('UNKNOWN'), 1000, 5);
  });

  it('a truncate empties it; what is written afterwards is held again', async () => {
    const number = await issue();
    await eventually(async () => expect((await verify(number)).verdict).toBe('VALID'));
    const [row] = await sql(platform.databaseUrl, `SELECT * FROM verification.certificate_view WHERE certificate_number = $1`, [number]);
    await sql(platform.databaseUrl, `TRUNCATE verification.certificate_view`);
    await eventually(async () => expect((await verify(number)).verdict).toBe('UNKNOWN'), 1000, 5);
    await sql(
      platform.databaseUrl,
      `INSERT INTO verification.certificate_view (certificate_number, status, exporting_participant, importing_participant, issued_at, expires_at, summary, flags, events_applied, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, now())`,
      [row.certificate_number, row.status, row.exporting_participant, row.importing_participant, row.issued_at, row.expires_at, row.summary, JSON.stringify(row.flags)],
    );
    expect((await verify(number)).verdict).toBe('VALID');
    await eventually(async () => expect((await status()).inMemory).toEqual({ live: true, certificates: 1 }));
  });

  it('the status of the read model is for the secretariat and admins only', async () => {
    expect((await api.get('/api/v1/verification/read-model', customs)).status).toBe(403);
    expect((await api.get('/api/v1/verification/read-model')).status).toBe(401);
  });

  it('/metrics counts the answers by verdict and says whether the border answers from memory', async () => {
    const metric = async (line: string) => {
      const text = (await api.get('/metrics')).body as string;
      const found = text.split('\n').find((l) => l.startsWith(`${line} `));
      return found === undefined ? undefined : Number(found.slice(line.length + 1));
    };
    const number = await issue();
    await eventually(async () => expect((await verify(number)).verdict).toBe('VALID'));
    const unknownBefore = (await metric('kp_verifications_total{verdict="UNKNOWN"}')) ?? 0;
    const validBefore = (await metric('kp_verifications_total{verdict="VALID"}')) ?? 0;
    await verify(number);
    await verify('BW-2026-999990');
    await verify('BW-2026-999991');

    expect(await metric('kp_verifications_total{verdict="UNKNOWN"}')).toBe(unknownBefore + 2);
    expect(await metric('kp_verifications_total{verdict="VALID"}')).toBe(validBefore + 1);
    const s = await status();
    expect(await metric('kp_border_replica_live')).toBe(1);
    expect(await metric('kp_border_replica_certificates')).toBe(s.inMemory.certificates);
  });
});
