import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { KpConfig } from '../config/kp-config';
import { EmbeddedDatabase, startEmbeddedPostgres } from './embedded-postgres';

/**
 * Says which PostgreSQL a service keeps its schema in: its own URL, the shared one,
 * or (standalone, nothing configured) the embedded server, started once on first need.
 */
@Injectable()
export class DatabaseLocator implements OnApplicationShutdown {
  private readonly logger = new Logger(DatabaseLocator.name);
  private embedded?: Promise<EmbeddedDatabase>;

  constructor(private readonly config: KpConfig) {}

  async urlFor(service: string): Promise<string> {
    const configured = this.config.databaseUrlFor(service);
    if (configured) return configured;
    if (this.config.KP_MODE === 'distributed') {
      throw new Error(`no database configured for ${service}: set DATABASE_URL or ${service.toUpperCase()}_DATABASE_URL`);
    }
    this.embedded ??= startEmbeddedPostgres(this.config.KP_DATA_DIR, this.config.KP_EMBEDDED_PG_PORT);
    return (await this.embedded).url;
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.embedded) return;
    const db = await this.embedded.catch(() => undefined);
    if (db) {
      this.logger.log('stopping embedded PostgreSQL');
      await db.stop();
    }
  }
}
