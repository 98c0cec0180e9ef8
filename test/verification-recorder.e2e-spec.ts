import { Logger } from '@nestjs/common';
import { VerificationRecord, VerificationRecorder } from '../libs/verification/src/application/verification-recorder';
import { Api, eventually, sql, startStandalone, StandalonePlatform } from './support/harness';

/**
 * Every verification is recorded and announced in batches. A record whose event would break
 * the contract (only a defect makes one) must not hold the batches behind it forever.
 */
describe('verification: the recorder', () => {
  let platform: StandalonePlatform;
  let api: Api;
  let customs: string;

  beforeAll(async () => {
    platform = await startStandalone();
    api = platform.api;
    customs = await api.login('ae.customs');
  });

  afterAll(() => platform?.close());

  const record = (id: string, overrides: Partial<VerificationRecord> = {}): VerificationRecord => ({
    id,
    certificateNumber: 'BW-2026-999999',
    verdict: 'UNKNOWN',
    reasons: [{ code: 'NOT_FOUND', message: 'No certificate with this number has been issued.' }],
    verifiedBy: 'ae.customs',
    participant: 'AE',
    judgedAt: '2026-11-29T08:00:00.000Z',
    checkedAt: '2026-11-29T08:00:00.000Z',
    ...overrides,
  });
  const recorded = async (ids: string[]) =>
    (await sql<{ id: string }>(platform.databaseUrl, `SELECT id FROM verification.verification_record WHERE id = ANY($1::uuid[]) ORDER BY id`, [ids])).map((r) => r.id);
  const announced = async (id: string) =>
    (await sql<{ n: number }>(platform.databaseUrl, `SELECT count(*)::int AS n FROM verification.outbox WHERE envelope LIKE $1`, [`%${id}%`]))[0].n;

  it('leaves out, and logs, a record whose event breaks the contract; keeps the rest of its batch and records what follows', async () => {
    const recorder = platform.app.get(VerificationRecorder, { strict: false });
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const good = '0193a000-0000-7000-8000-000000000001';
    const bad = '0193a000-0000-7000-8000-000000000002';
    recorder.record(record(bad, { checkedAt: 'yesterday' }));
    recorder.record(record(good));
    await recorder.flush();
    const logged = errors.mock.calls.map(([m]) => String(m)).join('\n');
    errors.mockRestore();

    expect(await recorded([good, bad])).toEqual([good]);
    expect(await announced(good)).toBe(1);
    expect(await announced(bad)).toBe(0);
    expect(logged).toMatch(new RegExp(`verification ${bad} not recorded: its event breaks the contract.*checkedAt`));

    // The recorder is not stuck on it: the border's next answers are recorded.
    const r = await api.get('/api/v1/verify/BW-2026-999998', customs);
    expect(r.status).toBe(200);
    await eventually(async () => {
      const rows = await sql(platform.databaseUrl, `SELECT verdict FROM verification.verification_record WHERE certificate_number = 'BW-2026-999998'`);
      expect(rows).toEqual([{ verdict: 'UNKNOWN' }]);
    });
  });
});
