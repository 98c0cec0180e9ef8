import { Module } from '@nestjs/common';
import { MessagingModule, ServiceDatabaseModule } from '@kp/kernel';
import { ReformInitial1764300000000 } from './infrastructure/migrations/1764300000000-reform-initial';
import { REFORM } from './reform.constants';

/** Reform proposals, positions, meetings, testimonies and decisions (issue 7 builds it out). */
@Module({
  imports: [
    ServiceDatabaseModule.forService({ service: REFORM, entities: [], migrations: [ReformInitial1764300000000] }),
    MessagingModule.forService(REFORM),
  ],
})
export class ReformModule {}
