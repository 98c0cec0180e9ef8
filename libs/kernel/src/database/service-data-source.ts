import { Client } from 'pg';
import { DataSource, MixedList, EntitySchema } from 'typeorm';

export interface ServiceDatabaseOptions {
  /** The service's name; also its PostgreSQL schema. */
  service: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  poolSize?: number;
}

/**
 * Opens a service's DataSource on its own schema and brings the schema up to date.
 * Migrations run under an advisory lock, so several instances starting together take
 * turns instead of racing. `synchronize` is never used.
 */
export async function openServiceDataSource(url: string, options: ServiceDatabaseOptions): Promise<DataSource> {
  const schema = options.service;
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`SELECT pg_advisory_lock(hashtext($1))`, [`kp-migrations:${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    const dataSource = new DataSource({
      type: 'postgres',
      url,
      schema,
      entities: options.entities,
      migrations: options.migrations,
      migrationsTableName: 'migrations',
      migrationsTransactionMode: 'each',
      synchronize: false,
      extra: { max: options.poolSize ?? 10, application_name: `kp-${schema}` },
    });
    await dataSource.initialize();
    try {
      await dataSource.runMigrations();
    } catch (error) {
      await dataSource.destroy();
      throw error;
    }
    return dataSource;
  } finally {
    await client.query(`SELECT pg_advisory_unlock(hashtext($1))`, [`kp-migrations:${schema}`]).catch(() => undefined);
    await client.end();
  }
}
