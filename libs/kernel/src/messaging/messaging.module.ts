import { DynamicModule, Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { KpConfig } from '../config/kp-config';
import { EventBus } from './event-bus';
import { OutboxRelay } from './outbox-relay';
import { OutboxWriter } from './outbox-writer';

/** A service's outbox writer and relay, bound to the service's own DataSource. */
@Module({})
export class MessagingModule {
  static forService(service: string): DynamicModule {
    return {
      module: MessagingModule,
      providers: [
        { provide: OutboxWriter, useValue: new OutboxWriter(service) },
        {
          provide: OutboxRelay,
          inject: [getDataSourceToken(service), EventBus, KpConfig],
          useFactory: (ds: DataSource, bus: EventBus, config: KpConfig) =>
            new OutboxRelay(service, ds, bus, config.KP_OUTBOX_RELAY, config.KP_OUTBOX_POLL_MS),
        },
      ],
      exports: [OutboxWriter, OutboxRelay],
    };
  }
}
