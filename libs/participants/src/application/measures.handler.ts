import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { DecisionAdoptedV1, MeasureImposed, MeasureLifted } from '@kp/contracts';
import { isCountryCode } from '@kp/domain';
import { AuthenticatedUser, conflict, invalid, notFound, OutboxWriter, ruleViolation } from '@kp/kernel';
import { ImposeMeasureRequestDto, LiftMeasureRequestDto } from '../api/measure.request.dto';
import { MeasureOrmEntity } from '../infrastructure/measure.orm-entity';
import { ParticipantOrmEntity } from '../infrastructure/participant.orm-entity';
import { PARTICIPANTS } from '../participants.constants';
import { MeasureSeed } from './historical-measures';

export function measureView(m: MeasureOrmEntity) {
  return {
    id: m.id,
    participant: m.participant,
    kind: m.kind,
    scope: m.scope,
    allowedZones: m.allowedZones,
    effectiveFrom: m.effectiveFrom.toISOString(),
    effectiveTo: m.effectiveTo ? m.effectiveTo.toISOString() : null,
    legalBasis: m.legalBasis,
    ...(m.decisionReference ? { decisionReference: m.decisionReference } : {}),
    ...(m.liftLegalBasis ? { liftLegalBasis: m.liftLegalBasis } : {}),
  };
}

/** Imposes and lifts embargoes and suspensions; each change is an event the border acts on. */
@Injectable()
export class MeasuresHandler {
  constructor(
    @InjectDataSource(PARTICIPANTS) private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {}

  async impose(user: AuthenticatedUser, code: string, request: ImposeMeasureRequestDto) {
    const participant = await this.participant(code);
    const effectiveFrom = new Date(request.effectiveFrom);
    const effectiveTo = request.effectiveTo ? new Date(request.effectiveTo) : null;
    if (effectiveTo && effectiveTo.getTime() <= effectiveFrom.getTime()) {
      throw invalid('MEASURE_ENDS_BEFORE_IT_STARTS', 'effectiveTo must be after effectiveFrom.', {
        errors: [{ field: 'effectiveTo', message: 'effectiveTo must be after effectiveFrom' }],
      });
    }
    if (request.scope === 'ALL' && request.allowedZones?.length) {
      throw invalid('ZONES_WITHOUT_ZONES_SCOPE', 'allowedZones only go with the scope ZONES.', {
        errors: [{ field: 'allowedZones', message: 'allowedZones only go with the scope ZONES' }],
      });
    }
    return this.dataSource.transaction(async (tx) => {
      const measure = await this.record(tx, user.username, {
        id: randomUUID(),
        participant: participant.code,
        kind: request.kind,
        scope: request.scope,
        allowedZones: request.scope === 'ZONES' ? request.allowedZones ?? [] : [],
        effectiveFrom,
        effectiveTo,
        legalBasis: request.legalBasis,
        decisionReference: request.decisionReference ?? null,
      });
      return measureView(measure);
    });
  }

  async lift(user: AuthenticatedUser, code: string, id: string, request: LiftMeasureRequestDto) {
    const participant = await this.participant(code);
    return this.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(MeasureOrmEntity);
      const measure = await repo.findOne({ where: { id, participant: participant.code }, lock: { mode: 'pessimistic_write' } });
      if (!measure) throw notFound('MEASURE_NOT_FOUND', `${participant.code} has no measure ${id}.`);
      const effectiveTo = request.effectiveTo ? new Date(request.effectiveTo) : new Date();
      if (measure.effectiveTo && measure.effectiveTo.getTime() <= Date.now()) {
        throw conflict('MEASURE_ALREADY_ENDED', `This measure ended on ${measure.effectiveTo.toISOString()}.`);
      }
      if (effectiveTo.getTime() <= measure.effectiveFrom.getTime()) {
        throw invalid('MEASURE_ENDS_BEFORE_IT_STARTS', 'effectiveTo must be after the measure took effect.', {
          errors: [{ field: 'effectiveTo', message: 'effectiveTo must be after the measure took effect' }],
        });
      }
      measure.effectiveTo = effectiveTo;
      measure.liftLegalBasis = request.legalBasis;
      await repo.save(measure);
      await this.outbox.append(tx, MeasureLifted, measure.participant, {
        measureId: measure.id,
        participant: measure.participant,
        effectiveTo: effectiveTo.toISOString(),
        legalBasis: request.legalBasis,
        ...(request.decisionReference ? { decisionReference: request.decisionReference } : {}),
      });
      return measureView(measure);
    });
  }

  /**
   * An adopted EMBARGO_IMPOSE becomes an embargo from its adoption, with the decision as
   * its legal basis; an EMBARGO_LIFT ends the embargoes in force on that participant.
   */
  async applyDecision(tx: EntityManager, decision: DecisionAdoptedV1): Promise<void> {
    const participant = decision.effect?.participant;
    if (!participant || (decision.kind !== 'EMBARGO_IMPOSE' && decision.kind !== 'EMBARGO_LIFT')) return;
    const legalBasis = `Administrative Decision ${decision.reference}: ${decision.title}`;
    const adoptedAt = new Date(decision.adoptedAt);
    if (decision.kind === 'EMBARGO_IMPOSE') {
      await this.record(tx, 'reform-decision', {
        id: randomUUID(),
        participant,
        kind: 'EMBARGO',
        scope: decision.effect?.scope ?? 'ALL',
        allowedZones: decision.effect?.scope === 'ZONES' ? decision.effect.allowedZones ?? [] : [],
        effectiveFrom: adoptedAt,
        effectiveTo: null,
        legalBasis,
        decisionReference: decision.reference,
      });
      return;
    }
    const repo = tx.getRepository(MeasureOrmEntity);
    const inForce = (await repo.find({ where: { participant, kind: 'EMBARGO' }, lock: { mode: 'pessimistic_write' } })).filter(
      (m) => m.effectiveFrom <= adoptedAt && (!m.effectiveTo || m.effectiveTo > adoptedAt),
    );
    for (const measure of inForce) {
      measure.effectiveTo = adoptedAt;
      measure.liftLegalBasis = legalBasis;
      await repo.save(measure);
      await this.outbox.append(tx, MeasureLifted, participant, {
        measureId: measure.id,
        participant,
        effectiveTo: adoptedAt.toISOString(),
        legalBasis,
        decisionReference: decision.reference,
      });
    }
  }

  /** Seeds the KP's history once; a measure already recorded is left as it is. */
  async seedHistory(tx: EntityManager, seeds: readonly MeasureSeed[]): Promise<number> {
    const repo = tx.getRepository(MeasureOrmEntity);
    const known = new Set((await repo.find({ select: { id: true } })).map((m) => m.id));
    let added = 0;
    for (const seed of seeds) {
      if (known.has(seed.id)) continue;
      await this.record(tx, 'reference-data', {
        ...seed,
        effectiveFrom: new Date(`${seed.effectiveFrom}T00:00:00Z`),
        effectiveTo: new Date(`${seed.effectiveTo}T00:00:00Z`),
        decisionReference: null,
      });
      added++;
    }
    return added;
  }

  private async record(
    tx: EntityManager,
    recordedBy: string,
    m: Omit<MeasureOrmEntity, 'recordedBy' | 'recordedAt' | 'liftLegalBasis'>,
  ): Promise<MeasureOrmEntity> {
    const repo = tx.getRepository(MeasureOrmEntity);
    const measure = repo.create({ ...m, liftLegalBasis: null, recordedBy });
    await repo.insert(measure);
    await this.outbox.append(tx, MeasureImposed, measure.participant, {
      measureId: measure.id,
      participant: measure.participant,
      kind: measure.kind,
      scope: measure.scope,
      allowedZones: measure.allowedZones,
      effectiveFrom: measure.effectiveFrom.toISOString(),
      ...(measure.effectiveTo ? { effectiveTo: measure.effectiveTo.toISOString() } : {}),
      legalBasis: measure.legalBasis,
      ...(measure.decisionReference ? { decisionReference: measure.decisionReference } : {}),
    });
    return measure;
  }

  /** 400 for a code that is no country, 422 for a country that is not a participant. */
  private async participant(code: string): Promise<ParticipantOrmEntity> {
    if (!isCountryCode(code)) {
      throw invalid('MALFORMED_PARTICIPANT_CODE', `${code} is not an ISO 3166-1 alpha-2 code (nor EU).`, {
        errors: [{ field: 'code', message: 'code must be an ISO 3166-1 alpha-2 country code or EU' }],
      });
    }
    const participant = await this.dataSource.getRepository(ParticipantOrmEntity).findOneBy({ code });
    if (!participant) throw ruleViolation('NOT_A_PARTICIPANT', `${code} is not a Kimberley Process participant.`);
    return participant;
  }
}
