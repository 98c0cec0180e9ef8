import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DatabaseLocator } from './database-locator';
import { openServiceDataSource, ServiceDatabaseOptions } from './service-data-source';

/** One service's DataSource, named after the service: inject it with `@InjectDataSource(service)`. */
@Module({})
export class ServiceDatabaseModule {
  static forService(options: ServiceDatabaseOptions): DynamicModule {
    return {
      module: ServiceDatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          name: options.service,
          inject: [DatabaseLocator],
          // The locator starts the embedded server only when a service actually needs it.
          useFactory: async (locator: DatabaseLocator) => ({
            type: 'postgres' as const,
            name: options.service,
            url: await locator.urlFor(options.service),
            retryAttempts: 5,
            retryDelay: 1000,
          }),
          dataSourceFactory: async (resolved) =>
            openServiceDataSource((resolved as { url: string }).url, options),
        }),
      ],
    };
  }
}
