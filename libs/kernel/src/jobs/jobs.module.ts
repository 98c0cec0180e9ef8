import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Logger } from '@nestjs/common';
import { createPostgresBackend, setDefaultBackendFactory } from 'bullmq';
import { KpConfig } from '../config/kp-config';
import { DatabaseLocator } from '../database/database-locator';

/** Queue names are wire names (they live in Redis keys or PostgreSQL rows): one place for all. */
export const Queues = {
  certificateExpiry: 'certificates.expiry',
  certificatePdf: 'certificates.pdf',
  shipmentNotifications: 'shipments.notifications',
  shipmentOverdue: 'shipments.overdue',
  monitoringUnconfirmed: 'monitoring.unconfirmed-imports',
  monitoringReports: 'monitoring.reports',
} as const;

/** BullMQ's connection options for Redis, from a redis:// URL. */
export function redisConnection(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username || undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : undefined,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
  };
}

/**
 * BullMQ for the whole process: on Redis when REDIS_URL is set (distributed mode
 * requires it), otherwise on BullMQ's PostgreSQL backend in a `jobs` schema of the
 * standalone database, so standalone still needs nothing but Node.js.
 */
export function jobsRootModule(): DynamicModule {
  return BullModule.forRootAsync({
    inject: [KpConfig, DatabaseLocator],
    useFactory: async (config: KpConfig, locator: DatabaseLocator) => {
      if (config.REDIS_URL) {
        return { connection: redisConnection(config.REDIS_URL), prefix: config.KP_QUEUE_PREFIX };
      }
      setDefaultBackendFactory(createPostgresBackend as never);
      new Logger('Jobs').log('BullMQ on PostgreSQL (schema "jobs")');
      const connection = { connectionString: await locator.urlFor('jobs'), schema: 'jobs', migrate: true, max: 5 };
      return { connection: connection as never };
    },
  });
}
