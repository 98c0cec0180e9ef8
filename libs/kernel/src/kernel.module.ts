import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth/auth.guard';
import { RateLimiter, RateLimitGuard } from './auth/rate-limit.guard';
import { TokenService } from './auth/token.service';
import { KpConfig } from './config/kp-config';
import { DatabaseLocator } from './database/database-locator';
import { HealthController } from './health/health.controller';
import { DirectRoutes } from './http/direct-route';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { KERNEL_SERVICES } from './kernel.tokens';
import { jobsRootModule } from './jobs/jobs.module';
import { BusLifecycle } from './messaging/bus-lifecycle';
import { EventBus } from './messaging/event-bus';
import { InProcessEventBus } from './messaging/in-process-event-bus';
import { KafkaEventBus } from './messaging/kafka-event-bus';
import { MetricsController } from './metrics/metrics.controller';

export interface KernelOptions {
  config: KpConfig;
  /** The services this process runs; health checks each one's database. */
  services: string[];
}

/** The shared machinery every process has once: config, database locator, bus, auth, errors, health, metrics. */
@Global()
@Module({})
export class KernelModule {
  static forRoot({ config, services }: KernelOptions): DynamicModule {
    return {
      module: KernelModule,
      imports: [jobsRootModule()],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: KpConfig, useValue: config },
        { provide: KERNEL_SERVICES, useValue: services },
        DatabaseLocator,
        TokenService,
        RateLimiter,
        DirectRoutes,
        {
          provide: EventBus,
          // Standalone is in-process by definition, whatever else the environment holds.
          useFactory: () => (config.KP_MODE === 'distributed' ? new KafkaEventBus(config) : new InProcessEventBus()),
        },
        BusLifecycle,
        { provide: APP_GUARD, useClass: AuthGuard },
        // Registered after the auth guard: guards run in order, so the limiter knows the user.
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
      exports: [KpConfig, KERNEL_SERVICES, DatabaseLocator, TokenService, RateLimiter, DirectRoutes, EventBus],
    };
  }
}
