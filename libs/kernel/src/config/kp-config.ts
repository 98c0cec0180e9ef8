import { createHmac } from 'node:crypto';
import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

export type RunMode = 'standalone' | 'distributed';

const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : ['1', 'true', 'yes', 'on'].includes(String(value).toLowerCase());
const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

/**
 * Every setting the platform reads, validated once at boot. `process.env` is read
 * here and nowhere else.
 */
export class KpConfig {
  /** standalone: every service in one process, embedded PostgreSQL, in-process events. */
  @IsIn(['standalone', 'distributed'])
  KP_MODE: RunMode = 'standalone';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  KP_DATA_DIR = './data';

  /** Default database for every service; `<SERVICE>_DATABASE_URL` overrides it per service. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//)
  DATABASE_URL?: string;

  @Transform(toInt)
  @IsInt()
  KP_EMBEDDED_PG_PORT = 54329;

  /** Comma-separated bootstrap servers; distributed mode needs it. */
  @IsOptional()
  @IsString()
  KAFKA_BROKERS?: string;

  /** Prefixes topic names and consumer groups, so several platforms can share one cluster. */
  @IsOptional()
  @Matches(/^[a-z0-9._-]*$/)
  KAFKA_NAMESPACE = '';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  KAFKA_TOPIC_PARTITIONS = 6;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  KAFKA_REPLICATION_FACTOR = 3;

  /**
   * How long a consumer's fetch may wait at the broker for messages (Kafka's fetch.max.wait.ms,
   * whose default this is). A broker answers as soon as a message arrives, so waiting longer
   * costs no latency and spares idle consumers their polling; the librdkafka mock used in
   * tests holds every empty fetch for the whole wait, so they set 100.
   */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(30_000)
  KAFKA_FETCH_MAX_WAIT_MS = 500;

  @IsOptional()
  @Matches(/^rediss?:\/\//)
  REDIS_URL?: string;

  /** Prefixes BullMQ's Redis keys, so several platforms can share one Redis. */
  @Matches(/^[A-Za-z0-9:._-]+$/)
  KP_QUEUE_PREFIX = 'kp';

  /** How often certificates past their expiry are announced (a BullMQ job scheduler). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  KP_EXPIRY_SWEEP_MS = 60_000;

  /** Weighing tolerance at import and at the border, in percent of the certified carats. */
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  KP_WEIGHT_TOLERANCE_PERCENT = 0.5;

  /** A declared value per carat this many times above or below its origin's baseline is flagged. */
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(1.01)
  KP_VALUE_OUTLIER_FACTOR = 10;

  /** Signs webhooks (HMAC-SHA256) to authorities; derived from KP_JWT_SECRET when unset. */
  @IsOptional()
  @IsString()
  @MinLength(32)
  KP_WEBHOOK_SECRET?: string;

  /** Delivery attempts for a webhook before it is logged as failed, and the first backoff (doubling). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(20)
  KP_WEBHOOK_ATTEMPTS = 6;

  @Transform(toInt)
  @IsInt()
  @Min(10)
  KP_WEBHOOK_BACKOFF_MS = 2000;

  /** How long an arrived shipment may wait for its import confirmation before monitoring hears of it. */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  KP_CONFIRMATION_GRACE_MS = 7 * 24 * 3600 * 1000;

  @Transform(toInt)
  @IsInt()
  @Min(100)
  KP_OVERDUE_SWEEP_MS = 60_000;

  /** Days after a certificate's expiry before a missing import confirmation is flagged (monitoring). */
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(3650)
  KP_UNCONFIRMED_GRACE_DAYS = 30;

  /** How often monitoring sweeps for unconfirmed imports (a BullMQ job scheduler). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  KP_UNCONFIRMED_SWEEP_MS = 60_000;

  @IsOptional()
  @IsString()
  @MinLength(32)
  KP_JWT_SECRET?: string;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  KP_JWT_TTL_SECONDS = 8 * 3600;

  /** 32 bytes, base64: wraps the private signing keys at rest. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'KP_KEY_ENCRYPTION_KEY must be 32 bytes in base64' })
  KP_KEY_ENCRYPTION_KEY?: string;

  @Transform(toBool)
  @IsBoolean()
  KP_DEMO = false;

  @IsOptional()
  @IsString()
  @MinLength(12)
  KP_ADMIN_PASSWORD?: string;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  KP_RATE_LIMIT_PER_MINUTE = 600;

  /** `false` leaves the outbox to another process (or to a later restart). */
  @Transform(toBool)
  @IsBoolean()
  KP_OUTBOX_RELAY = true;

  @Transform(toInt)
  @IsInt()
  @Min(10)
  KP_OUTBOX_POLL_MS = 200;

  @IsIn(['fatal', 'error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'log' | 'debug' | 'verbose' = 'log';

  /** The database URL a service uses: its own override, else the shared one. */
  databaseUrlFor(service: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
    return env[`${service.toUpperCase()}_DATABASE_URL`] || this.DATABASE_URL;
  }

  /** The secret webhooks are signed with: its own, or one derived from the JWT secret. */
  webhookSecret(): string {
    if (this.KP_WEBHOOK_SECRET) return this.KP_WEBHOOK_SECRET;
    if (!this.KP_JWT_SECRET) throw new Error('neither KP_WEBHOOK_SECRET nor KP_JWT_SECRET is set');
    return createHmac('sha256', this.KP_JWT_SECRET).update('kp-webhook-signing').digest('base64url');
  }

  kafkaBrokers(): string[] {
    return (this.KAFKA_BROKERS ?? '')
      .split(',')
      .map((b) => b.trim())
      .filter(Boolean);
  }
}

export class ConfigError extends Error {}

const CONFIG_KEYS = [
  'KP_MODE',
  'PORT',
  'KP_DATA_DIR',
  'DATABASE_URL',
  'KP_EMBEDDED_PG_PORT',
  'KAFKA_BROKERS',
  'KAFKA_NAMESPACE',
  'KAFKA_TOPIC_PARTITIONS',
  'KAFKA_REPLICATION_FACTOR',
  'KAFKA_FETCH_MAX_WAIT_MS',
  'REDIS_URL',
  'KP_QUEUE_PREFIX',
  'KP_EXPIRY_SWEEP_MS',
  'KP_WEIGHT_TOLERANCE_PERCENT',
  'KP_VALUE_OUTLIER_FACTOR',
  'KP_WEBHOOK_SECRET',
  'KP_WEBHOOK_ATTEMPTS',
  'KP_WEBHOOK_BACKOFF_MS',
  'KP_CONFIRMATION_GRACE_MS',
  'KP_OVERDUE_SWEEP_MS',
  'KP_UNCONFIRMED_GRACE_DAYS',
  'KP_UNCONFIRMED_SWEEP_MS',
  'KP_JWT_SECRET',
  'KP_JWT_TTL_SECONDS',
  'KP_KEY_ENCRYPTION_KEY',
  'KP_DEMO',
  'KP_ADMIN_PASSWORD',
  'KP_RATE_LIMIT_PER_MINUTE',
  'KP_OUTBOX_RELAY',
  'KP_OUTBOX_POLL_MS',
  'LOG_LEVEL',
] as const;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): KpConfig {
  const plain: Record<string, unknown> = {};
  for (const key of CONFIG_KEYS) if (env[key] !== undefined && env[key] !== '') plain[key] = env[key];
  const config = plainToInstance(KpConfig, plain, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false });
  if (errors.length) {
    const lines = errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new ConfigError(`invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  if (config.KP_MODE === 'distributed') {
    const missing = ['KAFKA_BROKERS', 'REDIS_URL', 'KP_JWT_SECRET', 'KP_KEY_ENCRYPTION_KEY'].filter(
      (k) => !(config as unknown as Record<string, unknown>)[k],
    );
    if (missing.length) throw new ConfigError(`distributed mode needs ${missing.join(', ')}`);
  }
  return config;
}
