import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { KpConfig, MessagingModule, Queues, ServiceDatabaseModule } from '@kp/kernel';
import { MonitoringConsumer } from './api/monitoring.consumer';
import { MonitoringHttpController } from './api/monitoring.http.controller';
import { PublishedStatisticsHttpController } from './api/published-statistics.http.controller';
import { ReportsProcessor } from './api/reports.processor';
import { UnconfirmedImportsProcessor } from './api/unconfirmed-imports.processor';
import { FlagsHandler } from './application/flags.handler';
import { ReportsHandler } from './application/reports.handler';
import { StatisticsHandler } from './application/statistics.handler';
import { UnconfirmedImportsHandler } from './application/unconfirmed-imports.handler';
import { AuthorityNotificationOrmEntity } from './infrastructure/authority-notification.orm-entity';
import { CertificateFactOrmEntity } from './infrastructure/certificate-fact.orm-entity';
import { KnownAuthorityOrmEntity } from './infrastructure/known-authority.orm-entity';
import { KnownParticipantOrmEntity } from './infrastructure/known-participant.orm-entity';
import { MonitoringInitial1764300000000 } from './infrastructure/migrations/1764300000000-monitoring-initial';
import { Monitoring1764410000000 } from './infrastructure/migrations/1764410000000-monitoring';
import { MonitoringFlagOrmEntity } from './infrastructure/monitoring-flag.orm-entity';
import { ReportOrmEntity } from './infrastructure/report.orm-entity';
import { MonitoringConfig } from './monitoring.config';
import { MONITORING } from './monitoring.constants';

/** Statistics and compliance views for the Secretariat, computed from every service's events; yearly reports. */
@Module({
  imports: [
    ServiceDatabaseModule.forService({
      service: MONITORING,
      entities: [
        CertificateFactOrmEntity,
        MonitoringFlagOrmEntity,
        AuthorityNotificationOrmEntity,
        KnownParticipantOrmEntity,
        KnownAuthorityOrmEntity,
        ReportOrmEntity,
      ],
      migrations: [MonitoringInitial1764300000000, Monitoring1764410000000],
    }),
    MessagingModule.forService(MONITORING),
    BullModule.registerQueue({ name: Queues.monitoringUnconfirmed }, { name: Queues.monitoringReports }),
  ],
  controllers: [MonitoringHttpController, PublishedStatisticsHttpController],
  providers: [
    // Read once at boot; see monitoring.config.ts for why it is not in KpConfig (yet).
    {
      provide: MonitoringConfig,
      inject: [KpConfig],
      useFactory: (c: KpConfig) => new MonitoringConfig(c.KP_UNCONFIRMED_GRACE_DAYS, c.KP_UNCONFIRMED_SWEEP_MS),
    },
    MonitoringConsumer,
    StatisticsHandler,
    UnconfirmedImportsHandler,
    FlagsHandler,
    ReportsHandler,
    UnconfirmedImportsProcessor,
    ReportsProcessor,
  ],
})
export class MonitoringModule {}
