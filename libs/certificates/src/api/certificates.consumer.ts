import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ParticipantRegistered } from '@kp/contracts';
import { EventBus, EventConsumer } from '@kp/kernel';
import { SigningKeys } from '../application/signing-keys';
import { CERTIFICATES } from '../certificates.constants';
import { KnownParticipantOrmEntity } from '../infrastructure/known-participant.orm-entity';

/** Learns who may trade from the registry, and gives every participant a signing key as it appears. */
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
  }
}
