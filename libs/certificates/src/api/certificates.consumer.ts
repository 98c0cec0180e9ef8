import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MeasureImposed, MeasureLifted, ParticipantRegistered } from '@kp/contracts';
import { EventBus, EventConsumer } from '@kp/kernel';
import { SigningKeys } from '../application/signing-keys';
import { CERTIFICATES } from '../certificates.constants';
import { KnownMeasureOrmEntity } from '../infrastructure/known-measure.orm-entity';
import { KnownParticipantOrmEntity } from '../infrastructure/known-participant.orm-entity';

/** Learns who may trade (participants, measures) from the registry, and gives every participant a signing key as it appears. */
@Injectable()
export class CertificatesConsumer extends EventConsumer {
  constructor(
    @InjectDataSource(CERTIFICATES) dataSource: DataSource,
    bus: EventBus,
    private readonly keys: SigningKeys,
  ) {
    super(CERTIFICATES, dataSource, bus);
  }

  protected registerHandlers(): void {
    this.on(ParticipantRegistered, async (participant, _envelope, tx) => {
      await tx.getRepository(KnownParticipantOrmEntity).upsert(
        {
          code: participant.code,
          name: participant.name,
          status: participant.status,
          certificateValidityDays: participant.certificateValidityDays,
        },
        ['code'],
      );
      await this.keys.activeKey(tx, participant.code);
    });
    this.on(MeasureImposed, async (m, _envelope, tx) => {
      await tx.getRepository(KnownMeasureOrmEntity).upsert(
        {
          id: m.measureId,
          participant: m.participant,
          kind: m.kind,
          scope: m.scope,
          allowedZones: m.allowedZones,
          effectiveFrom: new Date(m.effectiveFrom),
          effectiveTo: m.effectiveTo ? new Date(m.effectiveTo) : null,
          legalBasis: m.legalBasis,
          decisionReference: m.decisionReference ?? null,
        },
        ['id'],
      );
    });
    this.on(MeasureLifted, async (m, _envelope, tx) => {
      await tx.getRepository(KnownMeasureOrmEntity).update({ id: m.measureId }, { effectiveTo: new Date(m.effectiveTo) });
    });
  }
}
