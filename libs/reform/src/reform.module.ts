import { Module } from '@nestjs/common';
import { MessagingModule, ServiceDatabaseModule } from '@kp/kernel';
import { ReformHttpController } from './api/reform.http.controller';
import { OpenRecord } from './application/open-record';
import { ReformService } from './application/reform.service';
import { ReformInitial1764300000000 } from './infrastructure/migrations/1764300000000-reform-initial';
import { Reform1764400000000 } from './infrastructure/migrations/1764400000000-reform';
import { REFORM } from './reform.constants';

/** The reform committee: proposals, positions, decisions by consensus, testimonies, the open record. */
@Module({
  imports: [
    ServiceDatabaseModule.forService({ service: REFORM, entities: [], migrations: [ReformInitial1764300000000, Reform1764400000000] }),
    MessagingModule.forService(REFORM),
  ],
  controllers: [ReformHttpController],
  providers: [ReformService, OpenRecord],
})
export class ReformModule {}
