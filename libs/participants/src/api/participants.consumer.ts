import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SigningKeyPublished } from '@kp/contracts';
import { EventBus, EventConsumer } from '@kp/kernel';
import { PublicSigningKeyOrmEntity } from '../infrastructure/public-signing-key.orm-entity';
import { PARTICIPANTS } from '../participants.constants';

/** Keeps the public key registry (the JWKS) in step with the keys the certificates service signs with. */
@Injectable()
export class ParticipantsConsumer extends EventConsumer {
  constructor(@InjectDataSource(PARTICIPANTS) dataSource: DataSource, bus: EventBus) {
    super(PARTICIPANTS, dataSource, bus);
  }

  protected registerHandlers(): void {
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
