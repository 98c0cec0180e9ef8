import { Api, eventually, issueBody, sql, startStandalone, StandalonePlatform } from './support/harness';

/** The reform committee: consensus, the open record, testimonies, and decisions that reach the border. */
describe('reform: from proposal to decision, on the record, with effect at the border', () => {
  let platform: StandalonePlatform;
  let api: Api;
  let chair: string;
  let za: string;
  let ru: string;
  let observer: string;
  let secretariat: string;
  let customs: string;
  let issuer: string;

  beforeAll(async () => {
    platform = await startStandalone();
    api = platform.api;
    [chair, za, ru, observer, secretariat, customs, issuer] = await Promise.all(
      ['chair', 'za.delegate', 'ru.delegate', 'csc.observer', 'secretariat', 'ae.customs', 'bw.issuer'].map((u) => api.login(u)),
    );
  });

  afterAll(() => platform?.close());

  const propose = async (body: Record<string, unknown>, token = za) => {
    const r = await api.post('/api/v1/reform/proposals', { rationale: 'Reports of armed groups controlling mining areas.', ...body }, token);
    expect(r.status).toBe(201);
    return r.body;
  };
  const take = (id: string, position: string, token: string, statement?: string) =>
    api.post(`/api/v1/reform/proposals/${id}/positions`, { position, statement }, token);
  const verdict = async (number: string) => (await api.get(`/api/v1/verify/${number}`, customs)).body;

  it('EMBARGO_IMPOSE: RU objects (409 naming RU), RU abstains, adopted with a reference; the border says EMBARGOED citing it; EMBARGO_LIFT makes it VALID', async () => {
    const certificate = (await api.post('/api/v1/certificates', issueBody({ origin: { countries: ['GN'] } }), issuer)).body;
    await eventually(async () => expect((await verdict(certificate.certificateNumber)).verdict).toBe('VALID'));

    const proposal = await propose({ title: 'Embargo on rough diamonds of Guinean origin', kind: 'EMBARGO_IMPOSE', effect: { participant: 'GN' }, subTeam: 'COMPLIANCE_GOVERNANCE' });
    expect(proposal).toMatchObject({ status: 'OPEN', kind: 'EMBARGO_IMPOSE', effect: { participant: 'GN' } });
    expect((await take(proposal.id, 'SUPPORT', za, 'Evidence is clear')).status).toBe(201);
    expect((await take(proposal.id, 'OBJECT', ru, 'Insufficient evidence')).status).toBe(201);

    const refused = await api.post(`/api/v1/reform/proposals/${proposal.id}/decision`, {}, chair);
    expect(refused.status).toBe(409);
    expect(refused.body.objectors).toEqual(['RU']);
    expect(refused.body.detail).toContain('RU');
    expect((await api.post(`/api/v1/reform/proposals/${proposal.id}/decision`, {}, za)).status).toBe(403);

    expect((await take(proposal.id, 'ABSTAIN', ru, 'Will not block')).status).toBe(201);
    const decision = await api.post(`/api/v1/reform/proposals/${proposal.id}/decision`, { procedure: 'WRITTEN_PROCEDURE' }, chair);
    expect(decision.status).toBe(201);
    expect(decision.body.reference).toMatch(new RegExp(`^KP/${new Date().getUTCFullYear()}/AD-\\d+$`));
    const reference = decision.body.reference;

    const { value: embargoed, ms } = await eventually(async () => {
      const a = await verdict(certificate.certificateNumber);
      expect(a.verdict).toBe('EMBARGOED');
      return a;
    }, 2000);
    expect(ms).toBeLessThan(2000);
    expect(embargoed.reasons[0]).toMatchObject({ code: 'ORIGIN_EMBARGOED', legalBasis: expect.stringContaining(reference) });
    const measures = (await api.get('/api/v1/participants/GN')).body.measures;
    expect(measures).toEqual([expect.objectContaining({ kind: 'EMBARGO', decisionReference: reference, legalBasis: expect.stringContaining(reference) })]);
    expect((await api.post('/api/v1/certificates', issueBody({ origin: { countries: ['GN'] } }), issuer)).status).toBe(422);

    const lift = await propose({ title: 'Lift the embargo on Guinean rough', kind: 'EMBARGO_LIFT', effect: { participant: 'GN' } });
    await take(lift.id, 'SUPPORT', za);
    const lifted = await api.post(`/api/v1/reform/proposals/${lift.id}/decision`, {}, chair);
    expect(lifted.status).toBe(201);
    await eventually(async () => expect((await verdict(certificate.certificateNumber)).verdict).toBe('VALID'), 2000);

    const decisions = (await api.get('/api/v1/reform/decisions')).body.items.map((d: { reference: string }) => d.reference);
    expect(decisions).toEqual(expect.arrayContaining([reference, lifted.body.reference]));
    const record = (await api.get(`/api/v1/reform/proposals/${proposal.id}`)).body;
    expect(record.positions).toEqual([
      expect.objectContaining({ participant: 'RU', position: 'ABSTAIN' }),
      expect.objectContaining({ participant: 'ZA', position: 'SUPPORT' }),
    ]);
    expect(record.history.map((h: { kind: string }) => h.kind)).toEqual(['PROPOSAL_SUBMITTED', 'POSITION_RECORDED', 'POSITION_RECORDED', 'POSITION_RECORDED']);
  });

  it('a proposal with no support cannot be adopted; a decided one takes no more positions', async () => {
    const proposal = await propose({ title: 'Administrative decision on meeting languages', kind: 'ADMINISTRATIVE_DECISION' });
    const none = await api.post(`/api/v1/reform/proposals/${proposal.id}/decision`, {}, chair);
    expect(none.status).toBe(409);
    expect(none.body.code).toBe('NO_SUPPORT');
    await take(proposal.id, 'SUPPORT', chair);
    expect((await api.post(`/api/v1/reform/proposals/${proposal.id}/decision`, {}, chair)).status).toBe(201);
    expect((await take(proposal.id, 'OBJECT', ru)).status).toBe(409);
  });

  it('DEFINITION_CHANGE adopted makes a new version of the definition, with its history', async () => {
    const before = (await api.get('/api/v1/reform/definitions')).body;
    const text = 'Conflict diamonds means rough diamonds used to finance violence, including by state actors, against communities.';
    const proposal = await propose({ title: 'Broaden the conflict diamond definition', kind: 'DEFINITION_CHANGE', effect: { definition: text }, subTeam: 'DEFINITION' });
    await take(proposal.id, 'SUPPORT', za);
    const decision = await api.post(`/api/v1/reform/proposals/${proposal.id}/decision`, {}, chair);
    const after = (await api.get('/api/v1/reform/definitions')).body;
    expect(after.current).toBe(before.current + 1);
    expect(after.items[after.items.length - 1]).toMatchObject({ text, decisionReference: decision.body.reference });
    expect(after.items[0].text).toContain('rebel movements');
  });

  it('observers speak but never vote: a position is 403, a comment is welcome', async () => {
    const proposal = await propose({ title: 'Independent monitoring of artisanal mining', kind: 'ADMINISTRATIVE_DECISION' });
    expect((await take(proposal.id, 'OBJECT', observer)).status).toBe(403);
    const comment = await api.post(`/api/v1/reform/proposals/${proposal.id}/comments`, { body: 'Communities in the mining areas must be consulted.' }, observer);
    expect(comment.status).toBe(201);
    const read = (await api.get(`/api/v1/reform/proposals/${proposal.id}`)).body;
    expect(read.comments).toEqual([expect.objectContaining({ author: 'csc.observer', body: expect.stringContaining('Communities') })]);
    expect(read.positions).toEqual([]);
    expect((await api.post('/api/v1/reform/proposals', { title: 'x', kind: 'ADMINISTRATIVE_DECISION', rationale: 'x' }, observer)).status).toBe(403);
    expect((await api.post('/api/v1/reform/proposals', { title: 'Embargo without a target', kind: 'EMBARGO_IMPOSE', rationale: 'missing the participant' }, za)).status).toBe(400);
  });

  it('a protected testimony shows its submitter to the secretariat only, and each viewing is logged', async () => {
    const given = await api.post('/api/v1/reform/testimonies', { title: 'Forced labour at the river sites', body: 'We were made to dig without pay by armed men.', community: 'Kono', protectIdentity: true }, observer);
    expect(given.status).toBe(201);
    expect(given.body.submittedBy).toBeUndefined();
    const stored = await sql<{ submitted_by: string | null; submitted_by_sealed: string }>(platform.databaseUrl, 'SELECT submitted_by, submitted_by_sealed FROM reform.testimony WHERE id = $1', [given.body.id]);
    expect(stored[0].submitted_by).toBeNull();
    expect(stored[0].submitted_by_sealed).not.toContain('csc.observer');

    for (const token of [za, chair, issuer, observer]) {
      const seen = (await api.get('/api/v1/reform/testimonies', token)).body.items.find((t: { id: string }) => t.id === given.body.id);
      expect(JSON.stringify(seen)).not.toContain('csc.observer');
    }
    const bySecretariat = (await api.get('/api/v1/reform/testimonies', secretariat)).body.items.find((t: { id: string }) => t.id === given.body.id);
    expect(bySecretariat.submittedBy).toBe('csc.observer');
    const log = await api.get(`/api/v1/reform/testimonies/${given.body.id}/disclosures`, secretariat);
    expect(log.body.items).toEqual([expect.objectContaining({ disclosedTo: 'secretariat' })]);
    expect((await api.get(`/api/v1/reform/testimonies/${given.body.id}/disclosures`, za)).status).toBe(403);
  });

  it('meetings have agendas and minutes', async () => {
    const proposal = await propose({ title: 'Permanent secretariat funding', kind: 'ADMINISTRATIVE_DECISION' });
    const meeting = await api.post('/api/v1/reform/meetings', { kind: 'INTERSESSIONAL', title: 'Intersessional 2027', startsOn: '2027-06-14', endsOn: '2027-06-17', agenda: [proposal.id] }, chair);
    expect(meeting.status).toBe(201);
    const minuted = await api.request('PUT', `/api/v1/reform/meetings/${meeting.body.id}/minutes`, { minutes: 'Discussed; no consensus yet.' }, secretariat);
    expect(minuted.body).toMatchObject({ agenda: [proposal.id], minutes: 'Discussed; no consensus yet.' });
    expect((await api.get('/api/v1/reform/cycles')).body.items[0].subTeams.map((t: { id: string }) => t.id)).toEqual(
      expect.arrayContaining(['DEFINITION', 'CORE_DOCUMENT', 'COMPLIANCE_GOVERNANCE', 'TECHNICAL_ASSISTANCE']),
    );
  });

  it('the open record is chained: it verifies, refuses edits, and changing a stored decision makes the check fail', async () => {
    const ok = (await api.get('/api/v1/reform/record/verify')).body;
    expect(ok.valid).toBe(true);
    expect(ok.entries).toBeGreaterThan(5);
    const entries = (await api.get('/api/v1/reform/record')).body.items;
    expect(entries[1].prevHash).toBe(entries[0].hash);
    await expect(sql(platform.databaseUrl, `UPDATE reform.record_entry SET payload = '{}' WHERE seq = 1`)).rejects.toThrow(/append-only/);

    const [decision] = await sql<{ reference: string }>(platform.databaseUrl, 'SELECT reference FROM reform.decision ORDER BY adopted_at LIMIT 1');
    await sql(platform.databaseUrl, `UPDATE reform.decision SET title = 'Something else entirely' WHERE reference = $1`, [decision.reference]);
    const broken = (await api.get('/api/v1/reform/record/verify')).body;
    expect(broken.valid).toBe(false);
    const entry = entries.find((e: { kind: string; ref: string }) => e.kind === 'DECISION_ADOPTED' && e.ref === decision.reference);
    expect(broken.firstInvalid).toBe(entry.seq);
  });
});
