import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DecisionAdopted } from '@kp/contracts';
import { isKpParticipantCode } from '@kp/domain';
import { AuthenticatedUser, conflict, forbidden, invalid, KpConfig, notFound, OutboxWriter, SealedBox } from '@kp/kernel';
import {
  CommentRequestDto,
  DecisionRequestDto,
  MeetingRequestDto,
  PositionRequestDto,
  SubmitProposalRequestDto,
  TestimonyRequestDto,
} from '../api/reform.request.dto';
import { REFORM } from '../reform.constants';
import { decisionRecord, OpenRecord } from './open-record';
import { CURRENT_CYCLE, ORIGINAL_DEFINITION, SUB_TEAMS } from './reference-data';

const q = (table: string) => `"${REFORM}".${table}`;

/**
 * The reform committee's work: proposals, positions (one per participant, replaceable),
 * comments from anyone signed in, decisions by consensus, testimonies whose givers can
 * stay unknown, and the open record of positions and decisions.
 */
@Injectable()
export class ReformService implements OnModuleInit {
  private readonly logger = new Logger(ReformService.name);
  private readonly identities: SealedBox;

  constructor(
    @InjectDataSource(REFORM) private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly record: OpenRecord,
    config: KpConfig,
  ) {
    this.identities = new SealedBox(config.KP_KEY_ENCRYPTION_KEY!, 'testimony-identity');
  }

  /** The cycle, its sub-teams and the original definition are reference data, seeded once. */
  async onModuleInit(): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('kp-reform-seed'))`);
      await tx.query(`INSERT INTO ${q('cycle')} (id, name, mandate, starts_on, ends_on) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`, [
        CURRENT_CYCLE.id,
        CURRENT_CYCLE.name,
        CURRENT_CYCLE.mandate,
        CURRENT_CYCLE.startsOn,
        CURRENT_CYCLE.endsOn,
      ]);
      for (const team of SUB_TEAMS) {
        await tx.query(`INSERT INTO ${q('sub_team')} (id, cycle_id, name) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [team.id, CURRENT_CYCLE.id, team.name]);
      }
      await tx.query(
        `INSERT INTO ${q('definition_version')} (version, text, decision_reference, adopted_at) VALUES (1, $1, NULL, '2003-01-01') ON CONFLICT DO NOTHING`,
        [ORIGINAL_DEFINITION],
      );
    });
  }

  async cycles() {
    const cycles = await this.dataSource.query(`SELECT id, name, mandate, starts_on, ends_on FROM ${q('cycle')} ORDER BY starts_on`);
    const teams = await this.dataSource.query(`SELECT id, cycle_id, name FROM ${q('sub_team')} ORDER BY id`);
    return {
      items: cycles.map((c: Record<string, unknown>) => ({
        id: c.id,
        name: c.name,
        mandate: c.mandate,
        startsOn: c.starts_on,
        endsOn: c.ends_on,
        subTeams: teams.filter((t: Record<string, unknown>) => t.cycle_id === c.id).map((t: Record<string, unknown>) => ({ id: t.id, name: t.name })),
      })),
    };
  }

  async submit(user: AuthenticatedUser, request: SubmitProposalRequestDto) {
    const needsParticipant = request.kind === 'EMBARGO_IMPOSE' || request.kind === 'EMBARGO_LIFT';
    const errors: { field: string; message: string }[] = [];
    if (needsParticipant && !request.effect?.participant) errors.push({ field: 'effect.participant', message: `effect.participant is required for ${request.kind}` });
    if (request.effect?.participant && !isKpParticipantCode(request.effect.participant)) {
      errors.push({ field: 'effect.participant', message: `${request.effect.participant} is not a Kimberley Process participant` });
    }
    if (request.effect?.scope === 'ZONES' && !request.effect.allowedZones?.length) {
      errors.push({ field: 'effect.allowedZones', message: 'effect.allowedZones must list the zones when the scope is ZONES' });
    }
    if (request.kind === 'DEFINITION_CHANGE' && !request.effect?.definition) {
      errors.push({ field: 'effect.definition', message: 'effect.definition (the proposed text) is required for DEFINITION_CHANGE' });
    }
    if (request.subTeam && !SUB_TEAMS.some((t) => t.id === request.subTeam)) {
      errors.push({ field: 'subTeam', message: `subTeam must be one of ${SUB_TEAMS.map((t) => t.id).join(', ')}` });
    }
    if (errors.length) throw invalid('INVALID_PROPOSAL', 'The proposal is incomplete.', { errors });
    const id = randomUUID();
    const at = new Date();
    await this.dataSource.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO ${q('proposal')} (id, title, kind, effect, rationale, sub_team, status, submitted_by, participant, submitted_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'OPEN', $7, $8, $9)`,
        [id, request.title, request.kind, request.effect ? JSON.stringify(request.effect) : null, request.rationale, request.subTeam ?? null, user.username, user.participant, at],
      );
      await this.record.append(tx, 'PROPOSAL_SUBMITTED', id, { title: request.title, kind: request.kind, effect: request.effect ?? null, submittedBy: user.username, participant: user.participant }, at);
    });
    return this.proposal(id);
  }

  async proposals() {
    const rows = await this.dataSource.query(`SELECT id FROM ${q('proposal')} ORDER BY submitted_at DESC LIMIT 500`);
    return { items: await Promise.all(rows.map((r: { id: string }) => this.proposal(r.id))), nextCursor: null };
  }

  async proposal(id: string) {
    const [p] = await this.dataSource.query(`SELECT * FROM ${q('proposal')} WHERE id = $1`, [id]);
    if (!p) throw notFound('PROPOSAL_NOT_FOUND', `No proposal ${id}.`);
    const [positions, comments, history] = await Promise.all([
      this.dataSource.query(`SELECT participant, position, statement, recorded_by, recorded_at FROM ${q('position')} WHERE proposal_id = $1 ORDER BY participant`, [id]),
      this.dataSource.query(`SELECT id, author, author_roles, body, at FROM ${q('comment')} WHERE proposal_id = $1 ORDER BY at`, [id]),
      this.dataSource.query(`SELECT seq, kind, payload, at FROM ${q('record_entry')} WHERE ref = $1 ORDER BY seq`, [id]),
    ]);
    return {
      id: p.id,
      title: p.title,
      kind: p.kind,
      effect: p.effect,
      rationale: p.rationale,
      subTeam: p.sub_team,
      status: p.status,
      submittedBy: p.submitted_by,
      participant: p.participant,
      submittedAt: new Date(p.submitted_at).toISOString(),
      decisionReference: p.decision_reference,
      positions: positions.map((x: Record<string, unknown>) => ({
        participant: x.participant,
        position: x.position,
        statement: x.statement,
        recordedBy: x.recorded_by,
        recordedAt: new Date(x.recorded_at as string).toISOString(),
      })),
      comments: comments.map((c: Record<string, unknown>) => ({ id: c.id, author: c.author, roles: c.author_roles, body: c.body, at: new Date(c.at as string).toISOString() })),
      history: history.map((h: Record<string, unknown>) => ({ seq: Number(h.seq), kind: h.kind, detail: h.payload, at: new Date(h.at as string).toISOString() })),
    };
  }

  /** One position per participant; a later one replaces the earlier (both stay in the record). */
  async position(user: AuthenticatedUser, id: string, request: PositionRequestDto) {
    if (!user.participant) throw forbidden('NO_PARTICIPANT', 'Positions are taken for a participant; observers speak but do not decide.');
    const at = new Date();
    await this.dataSource.transaction(async (tx) => {
      const [p] = await tx.query(`SELECT status FROM ${q('proposal')} WHERE id = $1 FOR UPDATE`, [id]);
      if (!p) throw notFound('PROPOSAL_NOT_FOUND', `No proposal ${id}.`);
      if (p.status !== 'OPEN') throw conflict('PROPOSAL_CLOSED', `The proposal is ${p.status.toLowerCase()}; positions are closed.`);
      await tx.query(
        `INSERT INTO ${q('position')} (proposal_id, participant, position, statement, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (proposal_id, participant) DO UPDATE SET position = EXCLUDED.position, statement = EXCLUDED.statement,
           recorded_by = EXCLUDED.recorded_by, recorded_at = EXCLUDED.recorded_at`,
        [id, user.participant, request.position, request.statement ?? null, user.username, at],
      );
      await this.record.append(tx, 'POSITION_RECORDED', id, { participant: user.participant, position: request.position, statement: request.statement ?? null, recordedBy: user.username }, at);
    });
    return this.proposal(id);
  }

  async comment(user: AuthenticatedUser, id: string, request: CommentRequestDto) {
    const [p] = await this.dataSource.query(`SELECT 1 FROM ${q('proposal')} WHERE id = $1`, [id]);
    if (!p) throw notFound('PROPOSAL_NOT_FOUND', `No proposal ${id}.`);
    const comment = { id: randomUUID(), author: user.username, roles: user.roles, body: request.body, at: new Date() };
    await this.dataSource.query(`INSERT INTO ${q('comment')} (id, proposal_id, author, author_roles, body, at) VALUES ($1, $2, $3, $4, $5, $6)`, [
      comment.id,
      id,
      comment.author,
      comment.roles,
      comment.body,
      comment.at,
    ]);
    return { ...comment, at: comment.at.toISOString() };
  }

  /**
   * Consensus: at least one participant supports and none objects. The decision is
   * numbered KP/{year}/AD-{n}, kept, put on the record, and announced; its effects (an
   * embargo imposed or lifted) are the registry's to apply.
   */
  async decide(user: AuthenticatedUser, id: string, request: DecisionRequestDto) {
    const at = new Date();
    const reference = await this.dataSource.transaction(async (tx) => {
      const [p] = await tx.query(`SELECT * FROM ${q('proposal')} WHERE id = $1 FOR UPDATE`, [id]);
      if (!p) throw notFound('PROPOSAL_NOT_FOUND', `No proposal ${id}.`);
      if (p.status !== 'OPEN') throw conflict('PROPOSAL_CLOSED', `The proposal is already ${p.status.toLowerCase()} (${p.decision_reference ?? ''}).`);
      const positions: { participant: string; position: string }[] = await tx.query(`SELECT participant, position FROM ${q('position')} WHERE proposal_id = $1`, [id]);
      const objectors = positions.filter((x) => x.position === 'OBJECT').map((x) => x.participant).sort();
      if (objectors.length) {
        throw conflict('NO_CONSENSUS', `No consensus: ${objectors.join(', ')} ${objectors.length === 1 ? 'objects' : 'object'}.`, { objectors });
      }
      if (!positions.some((x) => x.position === 'SUPPORT')) {
        throw conflict('NO_SUPPORT', 'No consensus: no participant supports the proposal yet.', { objectors: [] });
      }
      const year = at.getUTCFullYear();
      const [{ last_number }] = await tx.query(
        `INSERT INTO ${q('decision_counter')} AS c (year, last_number) VALUES ($1, 1)
         ON CONFLICT (year) DO UPDATE SET last_number = c.last_number + 1 RETURNING last_number`,
        [year],
      );
      const ref = `KP/${year}/AD-${last_number}`;
      const procedure = request.procedure ?? 'PLENARY';
      const effects = p.effect ?? null;
      await tx.query(
        `INSERT INTO ${q('decision')} (reference, proposal_id, kind, title, effects, procedure, adopted_by, adopted_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [ref, id, p.kind, p.title, effects ? JSON.stringify(effects) : null, procedure, user.username, at],
      );
      await tx.query(`UPDATE ${q('proposal')} SET status = 'ADOPTED', decision_reference = $2 WHERE id = $1`, [id, ref]);
      if (p.kind === 'DEFINITION_CHANGE') {
        await tx.query(
          `INSERT INTO ${q('definition_version')} (version, text, decision_reference, adopted_at)
           SELECT coalesce(max(version), 0) + 1, $1, $2, $3 FROM ${q('definition_version')}`,
          [effects.definition, ref, at],
        );
      }
      await this.record.append(
        tx,
        'DECISION_ADOPTED',
        ref,
        decisionRecord({ reference: ref, proposalId: id, kind: p.kind, title: p.title, effects, procedure, adoptedBy: user.username, adoptedAt: at.toISOString() }),
        at,
      );
      await this.outbox.append(tx, DecisionAdopted, effects?.participant ?? ref, {
        reference: ref,
        proposalId: id,
        kind: p.kind,
        title: p.title,
        ...(effects?.participant ? { effect: { participant: effects.participant, scope: effects.scope, allowedZones: effects.allowedZones } } : {}),
        procedure,
        adoptedAt: at.toISOString(),
      });
      return ref;
    });
    this.logger.log(`decision ${reference} adopted`);
    return this.decision(reference);
  }

  async decision(reference: string) {
    const [d] = await this.dataSource.query(`SELECT * FROM ${q('decision')} WHERE reference = $1`, [reference]);
    if (!d) throw notFound('DECISION_NOT_FOUND', `No decision ${reference}.`);
    return {
      reference: d.reference,
      proposalId: d.proposal_id,
      kind: d.kind,
      title: d.title,
      effects: d.effects,
      procedure: d.procedure,
      adoptedBy: d.adopted_by,
      adoptedAt: new Date(d.adopted_at).toISOString(),
    };
  }

  async decisions() {
    const rows = await this.dataSource.query(`SELECT reference FROM ${q('decision')} ORDER BY adopted_at DESC LIMIT 500`);
    return { items: await Promise.all(rows.map((r: { reference: string }) => this.decision(r.reference))), nextCursor: null };
  }

  async definitions() {
    const rows = await this.dataSource.query(`SELECT version, text, decision_reference, adopted_at FROM ${q('definition_version')} ORDER BY version`);
    return {
      current: rows[rows.length - 1]?.version ?? null,
      items: rows.map((r: Record<string, unknown>) => ({ version: r.version, text: r.text, decisionReference: r.decision_reference, adoptedAt: new Date(r.adopted_at as string).toISOString() })),
    };
  }

  /** With protectIdentity, only a sealed copy of the submitter is kept. */
  async testify(user: AuthenticatedUser, request: TestimonyRequestDto) {
    const id = randomUUID();
    const at = new Date();
    await this.dataSource.query(
      `INSERT INTO ${q('testimony')} (id, title, body, community, protect_identity, submitted_by, submitted_by_sealed, submitted_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        id,
        request.title,
        request.body,
        request.community ?? null,
        request.protectIdentity,
        request.protectIdentity ? null : user.username,
        request.protectIdentity ? this.identities.seal(Buffer.from(user.username)) : null,
        at,
      ],
    );
    const [row] = await this.dataSource.query(`SELECT * FROM ${q('testimony')} WHERE id = $1`, [id]);
    return this.testimonyView(row, user, false);
  }

  /** Everyone reads testimonies; only the secretariat sees who gave a protected one, and each such view is logged. */
  async testimonies(user: AuthenticatedUser) {
    const rows = await this.dataSource.query(`SELECT * FROM ${q('testimony')} ORDER BY submitted_at DESC LIMIT 500`);
    const items = [];
    for (const row of rows) items.push(await this.testimonyView(row, user, true));
    return { items, nextCursor: null };
  }

  private async testimonyView(row: Record<string, unknown>, user: AuthenticatedUser, logDisclosure: boolean) {
    const view: Record<string, unknown> = {
      id: row.id,
      title: row.title,
      body: row.body,
      community: row.community,
      protectIdentity: row.protect_identity,
      submittedAt: new Date(row.submitted_at as string).toISOString(),
    };
    if (!row.protect_identity) view.submittedBy = row.submitted_by;
    else if (user.roles.includes('secretariat')) {
      view.submittedBy = this.identities.open(String(row.submitted_by_sealed)).toString();
      if (logDisclosure) {
        await this.dataSource.query(`INSERT INTO ${q('testimony_disclosure')} (testimony_id, disclosed_to, at) VALUES ($1, $2, now())`, [row.id, user.username]);
      }
    }
    return view;
  }

  async disclosures(testimonyId: string) {
    const rows = await this.dataSource.query(`SELECT disclosed_to, at FROM ${q('testimony_disclosure')} WHERE testimony_id = $1 ORDER BY id`, [testimonyId]);
    return { items: rows.map((r: Record<string, unknown>) => ({ disclosedTo: r.disclosed_to, at: new Date(r.at as string).toISOString() })) };
  }

  async scheduleMeeting(user: AuthenticatedUser, request: MeetingRequestDto) {
    if (new Date(request.endsOn) < new Date(request.startsOn)) {
      throw invalid('MEETING_ENDS_BEFORE_IT_STARTS', 'endsOn must not be before startsOn.', { errors: [{ field: 'endsOn', message: 'endsOn must not be before startsOn' }] });
    }
    const id = randomUUID();
    await this.dataSource.query(
      `INSERT INTO ${q('meeting')} (id, kind, title, starts_on, ends_on, agenda, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [id, request.kind, request.title, request.startsOn, request.endsOn, JSON.stringify(request.agenda ?? []), user.username],
    );
    return this.meeting(id);
  }

  async recordMinutes(id: string, minutes: string) {
    const [, changed] = await this.dataSource.query(`UPDATE ${q('meeting')} SET minutes = $2 WHERE id = $1`, [id, minutes]);
    if (!changed) throw notFound('MEETING_NOT_FOUND', `No meeting ${id}.`);
    return this.meeting(id);
  }

  async meeting(id: string) {
    const [m] = await this.dataSource.query(`SELECT * FROM ${q('meeting')} WHERE id = $1`, [id]);
    if (!m) throw notFound('MEETING_NOT_FOUND', `No meeting ${id}.`);
    return { id: m.id, kind: m.kind, title: m.title, startsOn: m.starts_on, endsOn: m.ends_on, agenda: m.agenda, minutes: m.minutes, createdBy: m.created_by };
  }

  async meetings() {
    const rows = await this.dataSource.query(`SELECT id FROM ${q('meeting')} ORDER BY starts_on DESC LIMIT 500`);
    return { items: await Promise.all(rows.map((r: { id: string }) => this.meeting(r.id))) };
  }
}
