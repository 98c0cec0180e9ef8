import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DecisionAdopted, SigningKeyPublished } from '@kp/contracts';
import { EventBus, EventConsumer } from '@kp/kernel';
import { PublicSigningKeyOrmEntity } from '../infrastructure/public-signing-key.orm-entity';
import { PARTICIPANTS } from '../participants.constants';
import { MeasuresHandler } from '../application/measures.handler';

/** Keeps the public key registry (the JWKS) in step with the signing keys, and applies the reform's decisions. */
@Injectable()
export class ParticipantsConsumer extends EventConsumer {
  constructor(
    @InjectDataSource(PARTICIPANTS) dataSource: DataSource,
    bus: EventBus,
    private readonly measures: MeasuresHandler,
  ) {
    super(PARTICIPANTS, dataSource, bus);
  }

  protected registerHandlers(): void {
    // An adopted embargo decision takes effect in the registry, and so at the border.
    this.on(DecisionAdopted, async (decision, _envelope, tx) => this.measures.applyDecision(tx, decision));
    this.on(SigningKeyPublished, async (key, _envelope, tx) => {
      await tx.getRepository(PublicSigningKeyOrmEntity).upsert(
        {
          kid: key.kid,
          participant: key.participant,
          x: key.x,
          status: key.status,
          validFrom: new Date(key.validFrom),
          validTo: key.validTo ? new Date(key.validTo) : null,
        },
        ['kid'],
      );
    });
  }
}
