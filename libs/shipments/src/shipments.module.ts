import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { MessagingModule, Queues, ServiceDatabaseModule } from '@kp/kernel';
import { AdvanceNoticeProcessor } from './api/advance-notice.processor';
import { ConfirmationOverdueProcessor } from './api/confirmation-overdue.processor';
import { ShipmentsConsumer } from './api/shipments.consumer';
import { ShipmentsHttpController } from './api/shipments.http.controller';
import { DispatchShipmentHandler } from './application/dispatch-shipment.handler';
import { GetShipmentHandler } from './application/get-shipment.handler';
import { RecordBorderEventHandler } from './application/record-border-event.handler';
import { BorderEventOrmEntity } from './infrastructure/border-event.orm-entity';
import { KnownCertificateOrmEntity } from './infrastructure/known-certificate.orm-entity';
import { KnownParticipantOrmEntity } from './infrastructure/known-participant.orm-entity';
import { ShipmentsInitial1764300000000 } from './infrastructure/migrations/1764300000000-shipments-initial';
import { Shipments1764350000000 } from './infrastructure/migrations/1764350000000-shipments';
import { NotificationDeliveryOrmEntity } from './infrastructure/notification-delivery.orm-entity';
import { ShipmentOrmEntity } from './infrastructure/shipment.orm-entity';
import { SHIPMENTS } from './shipments.constants';

/** Shipments, seals, border events and inspections, advance notices to importing authorities. */
@Module({
  imports: [
    ServiceDatabaseModule.forService({
      service: SHIPMENTS,
      entities: [ShipmentOrmEntity, BorderEventOrmEntity, KnownCertificateOrmEntity, KnownParticipantOrmEntity, NotificationDeliveryOrmEntity],
      migrations: [ShipmentsInitial1764300000000, Shipments1764350000000],
    }),
    MessagingModule.forService(SHIPMENTS),
    BullModule.registerQueue({ name: Queues.shipmentNotifications }, { name: Queues.shipmentOverdue }),
  ],
  controllers: [ShipmentsHttpController],
  providers: [
    ShipmentsConsumer,
    DispatchShipmentHandler,
    RecordBorderEventHandler,
    GetShipmentHandler,
    AdvanceNoticeProcessor,
    ConfirmationOverdueProcessor,
  ],
})
export class ShipmentsModule {}
