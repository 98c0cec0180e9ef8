import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig, startServices } from '@kp/kernel';
import { ALL_SERVICES } from '../../apps/platform/src/all-services';

const ROOT = join(__dirname, '..', '..');
export const ARTIFACTS = join(ROOT, 'artifacts');
export const DEMO_PASSWORD = 'kimberley-demo';
export const TEST_WEBHOOK_SECRET = 'test-webhook-secret-of-at-least-32-characters';
export const SERVICES = ['participants', 'certificates', 'shipments', 'verification', 'reform', 'monitoring'] as const;
export type ServiceName = (typeof SERVICES)[number];

/** A new, empty database on the test server, so each suite starts from nothing. */
export async function freshDatabase(label: string): Promise<string> {
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error('DATABASE_URL is not set (global-setup sets it)');
  const name = `kp_test_${label}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function sql<T = Record<string, unknown>>(databaseUrl: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

export const testSecrets = () => ({
  KP_JWT_SECRET: randomBytes(32).toString('base64url'),
  KP_KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
});

/** Waits until `check` stops throwing (polling, never sleeping a fixed time); returns how long it took. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 2000, intervalMs = 25): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  let last: unknown;
  while (Date.now() - started <= timeoutMs) {
    try {
      return { value: await check(), ms: Date.now() - started };
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw last instanceof Error ? last : new Error(String(last));
}

export interface HttpResult<T = any> {
  /** The body as sent. */
  text: string;
  status: number;
  body: T;
  headers: Headers;
}

/** A small client for the public API. */
export class Api {
  constructor(private readonly baseUrl: string) {}

  async request<T = any>(method: string, path: string, body?: unknown, token?: string): Promise<HttpResult<T>> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: response.status, body: parsed as T, headers: response.headers, text };
  }

  get = <T = any>(path: string, token?: string) => this.request<T>('GET', path, undefined, token);
  post = <T = any>(path: string, body: unknown, token?: string) => this.request<T>('POST', path, body, token);

  async login(username: string, password = DEMO_PASSWORD): Promise<string> {
    const result = await this.post('/api/v1/auth/login', { username, password });
    if (result.status !== 200) throw new Error(`login ${username}: ${result.status} ${JSON.stringify(result.body)}`);
    return result.body.accessToken;
  }
}

export function issueBody(overrides: Record<string, unknown> = {}) {
  return {
    importingParticipant: 'AE',
    exporter: { name: 'Okavango Diamond Company', address: 'Plot 63, Gaborone, Botswana' },
    importer: { name: 'Dubai Rough Trading DMCC', address: 'Almas Tower, Dubai' },
    origin: { countries: ['BW'] },
    hsCode: '7102.31',
    carats: 1250.5,
    valueUsd: 187500,
    parcels: 3,
    ...overrides,
  };
}

export interface StandalonePlatform {
  app: NestFastifyApplication;
  api: Api;
  databaseUrl: string;
  close(): Promise<void>;
}

/** The standalone platform booted in this process the way main.ts boots it, on a fresh database. */
export async function startStandalone(env: Record<string, string> = {}): Promise<StandalonePlatform> {
  const databaseUrl = env.DATABASE_URL ?? (await freshDatabase('standalone'));
  const config = loadConfig({
    KP_MODE: 'standalone',
    KP_DEMO: 'true',
    PORT: '0',
    LOG_LEVEL: 'warn',
    DATABASE_URL: databaseUrl,
    KP_OUTBOX_POLL_MS: '50',
    // Suites issue hundreds of certificates as one user; the limiter has its own test.
    KP_RATE_LIMIT_PER_MINUTE: '0',
    ...testSecrets(),
    ...env,
  });
  const app = await startServices('kp-test', ALL_SERVICES, config);
  const address = app.getHttpServer().address() as { port: number };
  return { app, api: new Api(`http://127.0.0.1:${address.port}`), databaseUrl, close: () => app.close() };
}

export interface ServiceProcess {
  name: ServiceName;
  port: number;
  api: Api;
  child?: ChildProcess;
}

/**
 * Distributed mode on one machine: each service its own process (the built apps, as
 * `npm run start:distributed` runs them), Kafka from KAFKA_BROKERS, one database.
 */
export class DistributedPlatform {
  readonly services = new Map<ServiceName, ServiceProcess>();
  readonly env: Record<string, string>;

  constructor(
    readonly databaseUrl: string,
    brokers: string,
    basePort: number,
  ) {
    const namespace = `t${randomBytes(3).toString('hex')}`;
    this.env = {
      KP_MODE: 'distributed',
      KP_DEMO: 'true',
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: brokers,
      // The librdkafka mock holds an empty fetch for the whole wait (see KpConfig).
      KAFKA_FETCH_MAX_WAIT_MS: '100',
      KAFKA_NAMESPACE: namespace,
      REDIS_URL: process.env.REDIS_URL!,
      KP_QUEUE_PREFIX: `kp-${namespace}`,
      KP_EXPIRY_SWEEP_MS: '300',
      KP_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
      KP_WEBHOOK_BACKOFF_MS: '50',
      KAFKA_REPLICATION_FACTOR: '1',
      KAFKA_TOPIC_PARTITIONS: '4',
      KP_OUTBOX_POLL_MS: '50',
      KP_RATE_LIMIT_PER_MINUTE: '0',
      LOG_LEVEL: 'warn',
      KAFKAJS_NO_PARTITIONER_WARNING: '1',
      ...testSecrets(),
    };
    if (process.env.KP_TEST_KAFKA_IS_MOCK) {
      // See kafkajs-librdkafka-mock.js: the mock advertises a controller that does not exist.
      this.env.NODE_OPTIONS = `--require ${join(__dirname, 'kafkajs-librdkafka-mock.js')}`;
    }
    SERVICES.forEach((name, i) => {
      const port = basePort + i;
      this.services.set(name, { name, port, api: new Api(`http://127.0.0.1:${port}`) });
    });
  }

  api(name: ServiceName): Api {
    return this.services.get(name)!.api;
  }

  async startAll(): Promise<void> {
    // The registry first: it seeds the users and participants everyone else learns about.
    await this.start('participants');
    await Promise.all(SERVICES.filter((s) => s !== 'participants').map((s) => this.start(s)));
  }

  async start(name: ServiceName, extraEnv: Record<string, string> = {}): Promise<void> {
    const service = this.services.get(name)!;
    mkdirSync(join(ARTIFACTS, 'logs'), { recursive: true });
    const log = createWriteStream(join(ARTIFACTS, 'logs', `${this.env.KAFKA_NAMESPACE}-${name}.log`), { flags: 'a' });
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'apps', name, 'src', 'main.js')], {
      env: { ...process.env, ...this.env, PORT: String(service.port), ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    service.child = child;
    await eventually(
      async () => {
        if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`);
        const health = await service.api.get('/health');
        if (health.status !== 200) throw new Error(`${name} health ${health.status}: ${JSON.stringify(health.body)}`);
      },
      60_000,
      200,
    );
  }

  /** Kills a service's process at once (SIGKILL: no shutdown hooks, nothing flushed). */
  async kill(name: ServiceName): Promise<void> {
    const child = this.services.get(name)!.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }

  async stopAll(): Promise<void> {
    await Promise.all(
      [...this.services.values()].map(async (s) => {
        const child = s.child;
        if (!child || child.exitCode !== null) return;
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }),
    );
  }
}

export const kafkaBrokers = (): string | undefined => process.env.KAFKA_BROKERS || undefined;
