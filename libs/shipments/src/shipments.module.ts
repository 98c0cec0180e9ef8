import { Module } from '@nestjs/common';
import { MessagingModule, ServiceDatabaseModule } from '@kp/kernel';
import { ShipmentsInitial1764300000000 } from './infrastructure/migrations/1764300000000-shipments-initial';
import { SHIPMENTS } from './shipments.constants';

/** Shipments, parcels, seals, border events and inspections (issue 5 builds it out). */
@Module({
  imports: [
    ServiceDatabaseModule.forService({ service: SHIPMENTS, entities: [], migrations: [ShipmentsInitial1764300000000] }),
    MessagingModule.forService(SHIPMENTS),
  ],
})
export class ShipmentsModule {}
