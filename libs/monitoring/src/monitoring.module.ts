import { Module } from '@nestjs/common';
import { MessagingModule, ServiceDatabaseModule } from '@kp/kernel';
import { MonitoringInitial1764300000000 } from './infrastructure/migrations/1764300000000-monitoring-initial';
import { MONITORING } from './monitoring.constants';

/** Statistics and compliance views for the Secretariat (issue 8 builds it out). */
@Module({
  imports: [
    ServiceDatabaseModule.forService({ service: MONITORING, entities: [], migrations: [MonitoringInitial1764300000000] }),
    MessagingModule.forService(MONITORING),
  ],
})
export class MonitoringModule {}
