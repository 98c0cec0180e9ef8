import { Module } from '@nestjs/common';
import { MessagingModule, ServiceDatabaseModule } from '@kp/kernel';
import { AuthHttpController } from './api/auth.http.controller';
import { ParticipantsConsumer } from './api/participants.consumer';
import { ParticipantsHttpController } from './api/participants.http.controller';
import { LoginHandler } from './application/login.handler';
import { AuthoritiesHandler } from './application/authorities.handler';
import { MeasuresHandler } from './application/measures.handler';
import { AuthorityOrmEntity } from './infrastructure/authority.orm-entity';
import { Authorities1764330000000 } from './infrastructure/migrations/1764330000000-authorities';
import { RegistrySeeder } from './application/registry-seeder';
import { MeasureOrmEntity } from './infrastructure/measure.orm-entity';
import { Measures1764320000000 } from './infrastructure/migrations/1764320000000-measures';
import { ParticipantsInitial1764300000000 } from './infrastructure/migrations/1764300000000-participants-initial';
import { ParticipantOrmEntity } from './infrastructure/participant.orm-entity';
import { PublicSigningKeyOrmEntity } from './infrastructure/public-signing-key.orm-entity';
import { UserOrmEntity } from './infrastructure/user.orm-entity';
import { PARTICIPANTS } from './participants.constants';

/** The registry: participants, users and roles, the public signing keys (and, later, measures). */
@Module({
  imports: [
    ServiceDatabaseModule.forService({
      service: PARTICIPANTS,
      entities: [ParticipantOrmEntity, UserOrmEntity, PublicSigningKeyOrmEntity, MeasureOrmEntity, AuthorityOrmEntity],
      migrations: [ParticipantsInitial1764300000000, Measures1764320000000, Authorities1764330000000],
    }),
    MessagingModule.forService(PARTICIPANTS),
  ],
  controllers: [AuthHttpController, ParticipantsHttpController],
  providers: [RegistrySeeder, LoginHandler, ParticipantsConsumer, MeasuresHandler, AuthoritiesHandler],
})
export class ParticipantsModule {}
