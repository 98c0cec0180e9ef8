import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
export const RUN_DIR = process.env.KP_TEST_RUN_DIR ?? '/tmp/kp-test-run';

/**
 * Brings up what the tests talk to, unless the environment already names it:
 * PostgreSQL (`DATABASE_URL`, else the embedded server) and Kafka (`KAFKA_BROKERS`,
 * else the librdkafka mock cluster where kcat can be had).
 */
export default async function globalSetup(): Promise<void> {
  mkdirSync(RUN_DIR, { recursive: true });
  writeFileSync(join(RUN_DIR, 'started.json'), '{}');
  const started: Record<string, unknown> = {};

  if (!process.env.DATABASE_URL) {
    const log = join(RUN_DIR, 'embedded-postgres.log');
    const child = spawn(process.execPath, [join(ROOT, 'scripts', 'embedded-postgres.js'), join(RUN_DIR, 'pg')], {
      detached: true,
      stdio: ['ignore', openSync(log, 'w'), openSync(log, 'a')],
    });
    child.unref();
    started.postgresPid = child.pid;
    process.env.DATABASE_URL = await waitForLine(log, /^DATABASE_URL=(.+)$/m, 60_000);
  }

  if (!process.env.KAFKA_BROKERS && process.env.KP_TEST_KAFKA !== 'off') {
    try {
      const brokers = execFileSync('bash', [join(ROOT, 'scripts', 'kafka-mock.sh'), 'start', join(RUN_DIR, 'kafka')], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 180_000,
      }).trim();
      if (brokers) {
        process.env.KAFKA_BROKERS = brokers;
        process.env.KP_TEST_KAFKA_IS_MOCK = '1';
        started.kafkaMock = true;
      }
    } catch (error) {
      console.warn(`\nno Kafka for the distributed suite: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  // Distributed mode queues its jobs on Redis: the machine's own, unless REDIS_URL names one.
  if (!process.env.REDIS_URL && (await reachable('127.0.0.1', 6379))) process.env.REDIS_URL = 'redis://127.0.0.1:6379';
  writeFileSync(join(RUN_DIR, 'started.json'), JSON.stringify(started));
}

function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 1000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

async function waitForLine(file: string, pattern: RegExp, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const match = pattern.exec(readFileSync(file, 'utf8'));
    if (match) return match[1].trim();
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${pattern} in ${file}:\n${readFileSync(file, 'utf8')}`);
}
