#!/usr/bin/env node
'use strict';
// `npm run bench` (after `npm run build`): the border's hot path and the path of a new
// certificate, measured on this machine, each figure beside a baseline measured in the same
// run. See bench/README.md for what each figure means and how to read it.
//
//   1. GET /api/v1/verify/{n} over 100,000 certificates at 64 connections: throughput and
//      p99, against bare Fastify answering the same JSON (bench/bare-fastify.js).
//   2. The same over 1,000,000 certificates: throughput against the 100,000 case, and the
//      resident memory of the server process under that load.
//   3. From POST /api/v1/certificates returning to the certificate verifying VALID: p99,
//      standalone and distributed (six processes over Kafka).
//
// The systems under test are the built apps (dist/), each its own process, so their RSS can
// be read from /proc: for 1 and 2 two standalone platforms side by side, one per size of the
// read model, measured in turns (A B B A) so that 2a compares like with like. Every process,
// database, Kafka mock and Redis key this script starts or creates is removed at the end,
// also on failure or Ctrl-C.
//
// Environment (all optional):
//   DATABASE_URL        a PostgreSQL server to create the bench databases on (kp_bench_<random>,
//                       dropped at the end); unset: the embedded PostgreSQL (scripts/embedded-postgres.js)
//   KAFKA_BROKERS       a Kafka for the distributed figure; unset: the librdkafka mock (scripts/kafka-mock.sh)
//   REDIS_URL           Redis for distributed mode (default redis://127.0.0.1:6379)
//   BENCH_DURATION      seconds per measurement (10)      BENCH_WARMUP     seconds of warm-up before each (2)
//   BENCH_CONNECTIONS   connections (64)                  BENCH_ISSUES     certificates per issue→VALID figure (200)
//   BENCH_ROWS          read model sizes, "100000,1000000"
//   BENCH_ROUNDS        slices per read model size, taken in turns (2)   BENCH_PRIME  seconds of priming load (5)
//   BENCH_SIDE_BY_SIDE  0 measures both sizes on one platform, one after the other (also when the server has < 90 free connections)
//   BENCH_DISTRIBUTED   0 skips the distributed figure
//   BENCH_NODE_ARGS     node options for the servers only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
//   BENCH_KEEP_LOGS     1 keeps the services' logs in bench/results/logs even when all went well

const { spawn, execFile } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const { promisify } = require('node:util');

const ROOT = path.resolve(__dirname, '..');
const RESULTS = path.join(__dirname, 'results');
const LOGS = path.join(RESULTS, 'logs');
const requireFromRoot = (id) => require(require.resolve(id, { paths: [ROOT] }));

let autocannon;
try {
  autocannon = require('autocannon');
} catch {
  console.error('[bench] autocannon is not installed: run `npm install` (it is a devDependency)');
  process.exit(2);
}
const { Client } = requireFromRoot('pg');

const env = process.env;
const num = (name, fallback) => (env[name] === undefined || env[name] === '' ? fallback : Number(env[name]));
const SETTINGS = {
  durationS: num('BENCH_DURATION', 10),
  warmupS: num('BENCH_WARMUP', 2),
  primeS: num('BENCH_PRIME', 5),
  rounds: num('BENCH_ROUNDS', 2), // the measurement of each read model size, in this many slices taken in turns
  connections: num('BENCH_CONNECTIONS', 64),
  issues: num('BENCH_ISSUES', 200),
  rows: (env.BENCH_ROWS || '100000,1000000').split(',').map(Number),
  pollMs: 5,
  distributed: env.BENCH_DISTRIBUTED !== '0',
  // A bound on every load run besides its duration: far above what two cores can serve.
  maxRequestsPerRun: 5_000_000,
};
if (SETTINGS.rows.length !== 2 || !SETTINGS.rows.every((n) => Number.isInteger(n) && n > 0)) {
  console.error(`BENCH_ROWS must be two sizes of read model, the small one first (say 100000,1000000), not "${env.BENCH_ROWS}"`);
  process.exit(2);
}
const TARGETS = {
  throughputVsBare: 0.5, // at least half the bare server's throughput
  p99Ms: 20,
  throughputLargeVsSmall: 0.8, // within 20 % of the 100,000 case
  rssMb: 512,
  issueStandaloneP99Ms: 100,
  issueDistributedP99Ms: 500,
};

// ---------------------------------------------------------------------------------------
// bookkeeping: everything started here is stopped in cleanup()

const started = performance.now();
const run = randomBytes(3).toString('hex');
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), `kp-bench-${run}-`));
// Run as root, the embedded PostgreSQL runs as the postgres user, which must reach its folder in here.
fs.chmodSync(TMP, 0o755);
const children = new Set(); // { name, child, exited }
const databases = []; // { admin, name }
const cleanups = []; // async functions, run last-in first-out
const figures = [];
const warnings = [];
const raw = {};
let adminUrl; // where kp_bench_* databases are created
let stopPostgres = async () => undefined; // the embedded PostgreSQL, if this run started it

const log = (message) => process.stdout.write(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s] ${message}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const round = (n, d = 1) => (Number.isFinite(n) ? Math.round(n * 10 ** d) / 10 ** d : n);

function spawnNode(name, args, extraEnv) {
  fs.mkdirSync(LOGS, { recursive: true });
  const out = fs.openSync(path.join(LOGS, `${name}.log`), 'w');
  // BENCH_NODE_ARGS go to the servers only (say --cpu-prof to profile them).
  const child = spawn(process.execPath, [...(env.BENCH_NODE_ARGS ? env.BENCH_NODE_ARGS.split(' ') : []), ...args], {
    cwd: ROOT,
    env: { ...env, ...extraEnv },
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  const entry = { name, child };
  entry.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  children.add(entry);
  entry.exited.then(() => children.delete(entry));
  return entry;
}

async function stop(entry, graceMs = 15_000) {
  if (!entry || entry.child.exitCode !== null || entry.child.signalCode !== null) return;
  entry.child.kill('SIGTERM');
  const killed = await Promise.race([entry.exited.then(() => false), sleep(graceMs).then(() => true)]);
  if (killed) {
    entry.child.kill('SIGKILL');
    await entry.exited;
  }
}

function logTail(name, lines = 30) {
  try {
    const text = fs.readFileSync(path.join(LOGS, `${name}.log`), 'utf8').trimEnd().split('\n');
    return text.slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// ---------------------------------------------------------------------------------------
// HTTP and SQL helpers

async function http(port, method, pathname, { body, token } = {}) {
  const headers = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`http://127.0.0.1:${port}${pathname}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json };
}

async function waitHealthy(entry, port, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (entry.child.exitCode !== null || entry.child.signalCode !== null) {
      throw new Error(`${entry.name} exited (${entry.child.exitCode ?? entry.child.signalCode}) before it was healthy:\n${logTail(entry.name)}`);
    }
    try {
      const r = await http(port, 'GET', '/health');
      if (r.status === 200) return;
      last = `${r.status} ${r.text.slice(0, 200)}`;
    } catch (error) {
      last = error.message;
    }
    await sleep(250);
  }
  throw new Error(`${entry.name} not healthy on port ${port} within ${timeoutMs / 1000} s (last /health: ${last}):\n${logTail(entry.name)}`);
}

async function login(port, username) {
  const r = await http(port, 'POST', '/api/v1/auth/login', { body: { username, password: 'kimberley-demo' } });
  if (r.status !== 200 || !r.json?.accessToken) throw new Error(`login as ${username} on port ${port}: ${r.status} ${r.text.slice(0, 300)}`);
  return r.json.accessToken;
}

async function sql(url, text, params) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows;
  } finally {
    await client.end();
  }
}

const withDatabase = (url, name) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

async function freshDatabase(label) {
  const name = `kp_bench_${run}_${label}`;
  await sql(adminUrl, `CREATE DATABASE ${name}`);
  databases.push(name);
  return withDatabase(adminUrl, name);
}

// ---------------------------------------------------------------------------------------
// PostgreSQL: the machine's (DATABASE_URL) or the embedded one

async function startPostgres() {
  if (env.DATABASE_URL) {
    adminUrl = env.DATABASE_URL;
    const [{ server_version: version }] = await sql(adminUrl, 'SHOW server_version');
    log(`PostgreSQL ${version} from DATABASE_URL (${new URL(adminUrl).host})`);
    return { kind: 'DATABASE_URL', version };
  }
  const port = await freePort();
  const dir = path.join(TMP, 'pg');
  log(`DATABASE_URL is not set: starting the embedded PostgreSQL in ${dir}`);
  const pg = spawnNode('embedded-postgres', [path.join(ROOT, 'scripts', 'embedded-postgres.js'), dir, String(port)], {});
  stopPostgres = () => stop(pg, 20_000); // last, after the databases are dropped
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const match = /DATABASE_URL=(\S+)/.exec(fs.readFileSync(path.join(LOGS, 'embedded-postgres.log'), 'utf8'));
    if (match) {
      adminUrl = match[1];
      const [{ server_version: version }] = await sql(adminUrl, 'SHOW server_version');
      log(`embedded PostgreSQL ${version} on port ${port}`);
      return { kind: 'embedded', version };
    }
    if (pg.child.exitCode !== null) throw new Error(`embedded PostgreSQL exited:\n${logTail('embedded-postgres')}`);
    await sleep(200);
  }
  throw new Error(`embedded PostgreSQL did not start:\n${logTail('embedded-postgres')}`);
}

// ---------------------------------------------------------------------------------------
// The read model, filled as the verification consumer fills it

// Ten exporting participants (producers, none under a measure), five past years, serials
// from 000001: row i is PREFIXES[i % 10]-YEARS[(i / 10) % 5]-(i / 50 + 1), unique up to
// 49,999,950 rows. Past years, so the certificates issued later in the run (this year's
// numbers) never collide with them.
const PREFIXES = ['BW', 'NA', 'ZA', 'CA', 'AO', 'LS', 'SL', 'TZ', 'AU', 'GY'];
const BASELINE_USD_PER_CARAT = [130.8, 517.4, 134.8, 97.0, 157.1, 294.5, 194.3, 162.3, 114.1, 114.1];
const EXPORTERS = [
  'Okavango Diamond Company', 'Namdeb Diamond Corporation', 'De Beers Consolidated Mines', 'Arctic Canadian Diamond Company',
  'Sodiam E.P.', 'Letseng Diamonds', 'Koidu Limited', 'Williamson Diamonds', 'Argyle Rough Trading', 'Guyana Gold and Diamond Board',
];
const CITIES = ['Gaborone', 'Windhoek', 'Kimberley', 'Yellowknife', 'Luanda', 'Maseru', 'Freetown', 'Mwadui', 'Perth', 'Georgetown'];
const YEARS = [2021, 2022, 2023, 2024, 2025];
const IMPORTERS = [
  ['AE', 'Dubai Rough Trading DMCC', 'Almas Tower, Jumeirah Lakes Towers, Dubai'],
  ['EU', 'Antwerp Rough Diamond NV', 'Hoveniersstraat 22, 2018 Antwerpen'],
  ['IN', 'Surat Rough Imports Pvt Ltd', 'Bharat Diamond Bourse, Bandra Kurla Complex, Mumbai'],
  ['IL', 'Ramat Gan Rough Ltd', 'Israel Diamond Exchange, 54 Bezalel Street, Ramat Gan'],
];

function certificateNumber(i) {
  return `${PREFIXES[i % 10]}-${YEARS[Math.floor(i / 10) % 5]}-${String(Math.floor(i / 50) + 1).padStart(6, '0')}`;
}

async function fillReadModel(url, from, to) {
  const columns = (
    await sql(url, `SELECT column_name FROM information_schema.columns WHERE table_schema = 'verification' AND table_name = 'certificate_view'`)
  ).map((r) => r.column_name);
  const withFlags = columns.includes('flags');
  const t0 = performance.now();
  const arr = (values) => `ARRAY[${values.map((v) => (typeof v === 'number' ? String(v) : `'${v.replace(/'/g, "''")}'`)).join(',')}]`;
  await sql(
    url,
    `INSERT INTO verification.certificate_view
       (certificate_number, status, exporting_participant, importing_participant, issued_at, expires_at, summary, events_applied, updated_at${withFlags ? ', flags' : ''})
     SELECT number, 'ISSUED', p, imp, issued, issued + interval '180 days',
            jsonb_build_object(
              'exporter', jsonb_build_object('name', exporter || CASE WHEN i % 7 = 0 THEN '' ELSE ' (Pty) Ltd' END,
                                             'address', 'Plot ' || (1 + i % 997) || ', ' || city),
              'importer', jsonb_build_object('name', imp_name, 'address', imp_address),
              'origin', jsonb_build_object('countries', jsonb_build_array(p)),
              'hsCode', CASE WHEN i % 3 = 0 THEN '7102.10' ELSE '7102.31' END,
              'carats', carats,
              'valueUsd', round(carats * baseline * (0.6 + (i % 81) / 100.0), 2),
              'parcels', 1 + i % 12,
              'kid', p || '-' || to_char(issued, 'YYYY') || '-k1'),
            1, issued${withFlags ? `, '[]'::jsonb` : ''}
       FROM (
         SELECT i,
                (${arr(PREFIXES)})[1 + i % 10] || '-' || (${arr(YEARS)})[1 + (i / 10) % 5] || '-' || lpad((i / 50 + 1)::text, 6, '0') AS number,
                (${arr(PREFIXES)})[1 + i % 10] AS p,
                (${arr(EXPORTERS)})[1 + i % 10] AS exporter,
                (${arr(CITIES)})[1 + i % 10] AS city,
                (${arr(BASELINE_USD_PER_CARAT)})[1 + i % 10] AS baseline,
                (${arr(IMPORTERS.map((x) => x[0]))})[1 + (i / 7) % 4] AS imp,
                (${arr(IMPORTERS.map((x) => x[1]))})[1 + (i / 7) % 4] AS imp_name,
                (${arr(IMPORTERS.map((x) => x[2]))})[1 + (i / 7) % 4] AS imp_address,
                round((20 + (i::bigint * 7919) % 4980 + (i % 100) / 100.0)::numeric, 2) AS carats,
                date_trunc('second', now()) - ((i % 90) || ' days')::interval - ((i % 86400) || ' seconds')::interval AS issued
           FROM generate_series($1::int, $2::int - 1) AS i
       ) AS s`,
    [from, to],
  );
  // As a read model in service would be: hint bits set, visibility map and statistics current.
  await sql(url, `VACUUM (ANALYZE) verification.certificate_view`);
  // Flush what the insert dirtied now, not during the measurement that follows.
  await sql(url, `CHECKPOINT`).catch(() => undefined);
  const [{ n, size }] = await sql(
    url,
    `SELECT count(*)::int AS n, pg_size_pretty(pg_total_relation_size('verification.certificate_view')) AS size FROM verification.certificate_view`,
  );
  log(`read model: ${n.toLocaleString('en')} certificates (${size} with its index), ${(to - from).toLocaleString('en')} inserted in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return n;
}

// ---------------------------------------------------------------------------------------
// Load, and resident memory

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return !/^State:\s+Z/m.test(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}

function readMemory(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
  } catch {
    return { rssMb: NaN, hwmMb: NaN };
  }
}

let currentLoad; // the autocannon instance running, stopped on abort
let bareBaseline; // bare Fastify's measurement, the baseline of 1a and of 1a-v

function load(port, { token, rows, durationS, latencies }) {
  return new Promise((resolve, reject) => {
    currentLoad = autocannon(
      {
        url: `http://127.0.0.1:${port}`,
        connections: SETTINGS.connections,
        pipelining: 1,
        duration: durationS,
        maxOverallRequests: SETTINGS.maxRequestsPerRun,
        timeout: 10,
        headers: token ? { authorization: `Bearer ${token}` } : {},
        requests: [
          {
            method: 'GET',
            setupRequest: (request) => {
              request.path = `/api/v1/verify/${certificateNumber(Math.floor(Math.random() * rows))}`;
              return request;
            },
          },
        ],
      },
      (error, result) => {
        currentLoad = undefined;
        if (error) reject(error);
        else resolve(result);
      },
    );
    // Every response's latency (ms), so percentiles can be taken over several rounds.
    if (latencies) currentLoad.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
}

// CPU accounting, so a measurement disturbed by other work on the machine says so.
const CLK_TCK = 100; // jiffies a second in /proc (USER_HZ, 100 on Linux)

function systemJiffies() {
  const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = f.slice(0, 8).reduce((a, b) => a + b, 0); // user nice system idle iowait irq softirq steal
  return { busy: total - f[3] - f[4], total, steal: f[7] };
}

function processJiffies(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(f[11]) + Number(f[12]); // utime + stime
  } catch {
    return 0;
  }
}

async function postgresBackends(database) {
  if (!database) return [];
  const rows = await sql(adminUrl, `SELECT pid FROM pg_stat_activity WHERE datname = $1`, [database]).catch(() => []);
  return rows.map((r) => r.pid);
}

/** Starts counting CPU: the server, its database's backends, this process, everything else. */
async function cpuMeter(serverPids, database) {
  const pgPids = new Set(await postgresBackends(database));
  const snapshot = () => ({
    at: performance.now(),
    system: systemJiffies(),
    server: serverPids.reduce((a, p) => a + processJiffies(p), 0),
    postgres: new Map([...pgPids].map((p) => [p, processJiffies(p)])),
    self: process.cpuUsage(),
  });
  const start = snapshot();
  return async () => {
    for (const p of await postgresBackends(database)) if (!start.postgres.has(p)) start.postgres.set(p, 0), pgPids.add(p);
    const end = snapshot();
    const seconds = (end.at - start.at) / 1000;
    const cores = (jiffies) => round(jiffies / CLK_TCK / seconds, 2);
    const pg = [...end.postgres].reduce((a, [p, j]) => a + Math.max(0, j - (start.postgres.get(p) ?? 0)), 0);
    const self = (end.self.user + end.self.system - start.self.user - start.self.system) / 1e6 / seconds;
    const busy = cores(end.system.busy - start.system.busy);
    const server = cores(end.server - start.server);
    const postgres = cores(pg);
    const loadGenerator = round(self, 2);
    // `other` includes the time the hypervisor gave our virtual cores to someone else (steal).
    const steal = cores(end.system.steal - start.system.steal);
    return { busy, server, postgres, loadGenerator, other: round(Math.max(0, busy - server - postgres - loadGenerator), 2), steal, of: os.cpus().length };
  };
}

let quietWaitLeftMs = 90_000; // over the whole run, so a busy machine delays it at most this long

/** Waits (a bounded time) until other processes leave the cores to the bench. */
async function quietMachine(serverPids, database) {
  for (;;) {
    const read = await cpuMeter(serverPids, database);
    await sleep(1000);
    const cpu = await read();
    if (cpu.other < 0.25 || quietWaitLeftMs <= 0) return cpu.other;
    log(`other processes are using ${cpu.other} of ${cpu.of} cores: waiting for them (${Math.round(quietWaitLeftMs / 1000)} s left to wait)`);
    await sleep(2000);
    quietWaitLeftMs -= 3000;
  }
}

/**
 * Measures each case for SETTINGS.durationS in all, in `rounds` slices taken in turn
 * (A B, then B A, ...), so a drift of the machine's speed during the run weighs on every
 * case alike. Each slice: warm-up, a quiet machine, then the measurement, with the
 * server's RSS sampled every 100 ms and the CPU counted by whom; then the server's
 * outbox is left to drain, so its backlog does not weigh on the next slice.
 * A case: { label, port, pid, token, rows, database, url }.
 */
async function measure(cases, rounds) {
  const acc = new Map(cases.map((c) => [c, { seconds: 0, requests: 0, latencies: [], non2xx: 0, errors: 0, timeouts: 0, ok2xx: 0, bytes: 0, maxRss: 0, rssBefore: NaN, cpu: [], slices: [] }]));
  const sliceS = SETTINGS.durationS / rounds;
  for (let r = 0; r < rounds; r++) {
    for (const c of r % 2 === 0 ? cases : [...cases].reverse()) {
      const a = acc.get(c);
      await load(c.port, { token: c.token, rows: c.rows, durationS: SETTINGS.warmupS });
      if (c.url) await drainOutbox(c.url);
      await quietMachine([c.pid], c.database);
      if (Number.isNaN(a.rssBefore)) a.rssBefore = readMemory(c.pid).rssMb;
      const sampler = setInterval(() => (a.maxRss = Math.max(a.maxRss, readMemory(c.pid).rssMb)), 100);
      const cpuRead = await cpuMeter([c.pid], c.database);
      const result = await load(c.port, { token: c.token, rows: c.rows, durationS: sliceS, latencies: a.latencies });
      const cpu = await cpuRead();
      clearInterval(sampler);
      a.maxRss = Math.max(a.maxRss, readMemory(c.pid).rssMb);
      if (!isAlive(c.pid)) throw new Error(`the server (pid ${c.pid}) died during "${c.label}"`);
      a.seconds += result.duration;
      a.requests += result.requests.total;
      a.ok2xx += result['2xx'];
      a.non2xx += result.non2xx;
      a.errors += result.errors;
      a.timeouts += result.timeouts;
      a.bytes += result.throughput.total;
      a.cpu.push({ ...cpu, seconds: result.duration });
      a.slices.push({ requestsPerSecond: round(result.requests.total / result.duration, 0), p99Ms: result.latency.p99, cpuCores: cpu });
      log(
        `${c.label}${rounds > 1 ? ` (slice ${r + 1} of ${rounds})` : ''}: ${round(result.requests.total / result.duration, 0).toLocaleString('en')} req/s, ` +
          `p99 ${result.latency.p99} ms; cores: server ${cpu.server}, PostgreSQL ${cpu.postgres}, autocannon ${cpu.loadGenerator}, other ${cpu.other} (steal ${cpu.steal})`,
      );
      if (c.url) await drainOutbox(c.url);
    }
  }
  const summaries = cases.map((c) => {
    const a = acc.get(c);
    const sorted = Float64Array.from(a.latencies).sort();
    const mean = (key) => a.cpu.reduce((sum, x) => sum + x[key] * x.seconds, 0) / a.seconds;
    const cpu = {
      server: round(mean('server'), 2),
      postgres: round(mean('postgres'), 2),
      loadGenerator: round(mean('loadGenerator'), 2),
      other: round(mean('other'), 2),
      steal: round(mean('steal'), 2),
      of: os.cpus().length,
    };
    const rps = a.requests / a.seconds;
    const summary = {
      label: c.label,
      requestsPerSecond: round(rps, 1),
      requestsTotal: a.requests,
      durationS: round(a.seconds, 2),
      latencyMs: {
        p50: round(percentile(sorted, 50), 2),
        p90: round(percentile(sorted, 90), 2),
        p99: round(percentile(sorted, 99), 2),
        max: round(sorted[sorted.length - 1], 2),
      },
      ok2xx: a.ok2xx,
      non2xx: a.non2xx,
      errors: a.errors,
      timeouts: a.timeouts,
      bytesPerSecond: round(a.bytes / a.seconds, 0),
      memory: { rssBeforeMb: round(a.rssBefore), maxRssDuringMb: round(a.maxRss), peakHwmMb: round(readMemory(c.pid).hwmMb) },
      cpuCores: cpu,
      // CPU time an answer costs: moves less than req/s with what else the machine does.
      cpuMicrosecondsPerRequest: { server: round((cpu.server * 1e6) / rps, 0), postgres: round((cpu.postgres * 1e6) / rps, 0) },
      slices: a.slices,
    };
    raw[c.label] = summary;
    log(
      `${c.label}: ${round(rps, 0).toLocaleString('en')} req/s, p50 ${summary.latencyMs.p50} ms, p99 ${summary.latencyMs.p99} ms, ` +
        `${a.non2xx} non-2xx, ${a.errors} errors; RSS ${summary.memory.rssBeforeMb} MB before, max ${summary.memory.maxRssDuringMb} MB during ` +
        `(VmHWM ${summary.memory.peakHwmMb} MB); CPU per request: server ${summary.cpuMicrosecondsPerRequest.server} µs, PostgreSQL ${summary.cpuMicrosecondsPerRequest.postgres} µs`,
    );
    if (cpu.other >= 0.25) {
      warnings.push(`${c.label}: other processes on the machine used ${cpu.other} of ${cpu.of} cores during the measurement; the figure is pessimistic`);
    }
    return summary;
  });
  return summaries;
}

// ---------------------------------------------------------------------------------------
// From POST /api/v1/certificates returning to the first VALID answer

const ISSUE_BODY = {
  importingParticipant: 'AE',
  exporter: { name: 'Okavango Diamond Company', address: 'Plot 63, Gaborone, Botswana' },
  importer: { name: 'Dubai Rough Trading DMCC', address: 'Almas Tower, Dubai' },
  origin: { countries: ['BW'] },
  hsCode: '7102.31',
  carats: 1250.5,
  valueUsd: 187500,
  parcels: 3,
};

async function issue(port, token) {
  const r = await http(port, 'POST', '/api/v1/certificates', { body: ISSUE_BODY, token });
  if (r.status !== 201 || !r.json?.certificateNumber) throw Object.assign(new Error(`issue: ${r.status} ${r.text.slice(0, 300)}`), { status: r.status });
  return r.json.certificateNumber;
}

/** Polls every 5 ms; the milliseconds from `t0` to the first VALID answer. */
async function untilValid(port, token, number, t0, timeoutMs) {
  let last;
  for (;;) {
    const r = await http(port, 'GET', `/api/v1/verify/${number}`, { token });
    const at = performance.now();
    if (r.status === 200 && r.json?.verdict === 'VALID') return at - t0;
    last = `${r.status} ${r.json?.verdict ?? r.text.slice(0, 200)}`;
    if (at - t0 > timeoutMs) throw new Error(`${number} not VALID after ${timeoutMs} ms (last answer: ${last})`);
    await sleep(SETTINGS.pollMs);
  }
}

function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** The floor of the method: one verify round trip of a certificate already in the model. */
async function verifyRoundTrip(port, token, number, n = 100) {
  const times = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const r = await http(port, 'GET', `/api/v1/verify/${number}`, { token });
    if (r.status !== 200) throw new Error(`verify ${number}: ${r.status}`);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

async function issueToValid(label, { issuePort, verifyPort, issuer, customs, count, timeoutMs, serverPids, database }) {
  const times = [];
  const failures = [];
  await quietMachine(serverPids, database);
  const cpuRead = await cpuMeter(serverPids, database);
  for (let i = 0; i < count; i++) {
    const number = await issue(issuePort, issuer);
    const t0 = performance.now();
    try {
      times.push(await untilValid(verifyPort, customs, number, t0, timeoutMs));
    } catch (error) {
      failures.push(error.message);
      times.push(Infinity);
    }
  }
  const cpu = await cpuRead();
  times.sort((a, b) => a - b);
  const floor = await verifyRoundTrip(verifyPort, customs, certificateNumber(0));
  const summary = {
    label,
    count,
    p50Ms: round(percentile(times, 50)),
    p90Ms: round(percentile(times, 90)),
    p99Ms: round(percentile(times, 99)),
    maxMs: round(times[times.length - 1]),
    timeouts: failures.length,
    firstFailures: failures.slice(0, 3),
    verifyRoundTripMs: { p50: round(floor.p50, 2), p99: round(floor.p99, 2) },
    cpuCores: cpu,
  };
  if (cpu.other >= 0.25) {
    warnings.push(`${label}: other processes on the machine used ${cpu.other} of ${cpu.of} cores meanwhile; the figure is pessimistic`);
  }
  raw[label] = summary;
  log(`${label}: p50 ${summary.p50Ms} ms, p99 ${summary.p99Ms} ms, max ${summary.maxMs} ms over ${count}${failures.length ? `, ${failures.length} never VALID` : ''} (one verify round trip: p99 ${summary.verifyRoundTripMs.p99} ms)`);
  return summary;
}

/** Retries `fn` until it succeeds (services still learning the registry over the bus, say). */
async function retrying(what, fn, timeoutMs, intervalMs = 250) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`${what}: ${error.message}`);
      await sleep(intervalMs);
    }
  }
}

// ---------------------------------------------------------------------------------------
// figures

function figure(id, name, { value, unit, baseline, baselineLabel, target, pass, note }) {
  const result = value === null || value === undefined || Number.isNaN(value) ? 'NOT MEASURED' : pass ? 'PASS' : 'MISS';
  figures.push({ id, figure: name, value: round(value, 1), unit, baseline: round(baseline, 1), baselineLabel, target, result, note });
}

// ---------------------------------------------------------------------------------------
// 1 and 2: the read model's throughput, latency and memory (standalone platform)

async function startPlatform(name, secrets) {
  const url = await freshDatabase(name.replace(/-/g, "_"));
  const port = await freePort();
  const entry = spawnNode(name, [path.join(ROOT, 'dist/apps/platform/src/main.js')], {
    KP_MODE: 'standalone',
    DATABASE_URL: url,
    KP_DATA_DIR: path.join(TMP, `${name}-data`),
    KP_DEMO: '1',
    KP_RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'warn',
    PORT: String(port),
    ...secrets,
  });
  cleanups.push(() => stop(entry));
  const t0 = performance.now();
  await waitHealthy(entry, port);
  log(`standalone platform "${name}" (dist/apps/platform/src/main.js, pid ${entry.child.pid}) healthy on port ${port} after ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return { entry, url, port, pid: entry.child.pid, database: new URL(url).pathname.slice(1) };
}

/**
 * Waits until the platform's verification holds its whole read model in memory (it
 * reloads after the bulk fill), so the figures are those of the service in its steady
 * state, not of its start-up, and says how long the load took.
 */
async function untilHeldInMemory(platform) {
  const t0 = performance.now();
  const admin = await login(platform.loginPort ?? platform.port, 'admin');
  const status = await retrying(
    'the read model in memory',
    async () => {
      const r = await http(platform.port, 'GET', '/api/v1/verification/read-model', { token: admin });
      if (r.status !== 200) throw new Error(`${r.status} ${r.text.slice(0, 200)}`);
      const { certificates, inMemory } = r.json;
      if (!inMemory.live || inMemory.certificates !== certificates) throw new Error(`${inMemory.certificates} of ${certificates} in memory`);
      return r.json;
    },
    300_000,
    250,
  );
  raw.heldInMemory ??= {};
  raw.heldInMemory[status.certificates] = { seconds: round((performance.now() - t0) / 1000), rssMb: round(readMemory(platform.pid).rssMb) };
  log(
    `read model of ${status.certificates.toLocaleString('en')} certificates held in memory after ${((performance.now() - t0) / 1000).toFixed(1)} s ` +
      `(platform RSS ${round(readMemory(platform.pid).rssMb)} MB)`,
  );
}

/** bench/bare-fastify.js answering `answerFile` on a port of its own, once it answers it whole. */
async function startBareFastify(name, answerFile, rows) {
  const bytes = fs.statSync(answerFile).size;
  const port = await freePort();
  const entry = spawnNode(name, [path.join(__dirname, 'bare-fastify.js'), String(port), answerFile], {});
  cleanups.push(() => stop(entry, 5000));
  await retrying('bare Fastify', async () => {
    if (entry.child.exitCode !== null) throw new Error(`exited:\n${logTail(name)}`);
    const r = await http(port, 'GET', `/api/v1/verify/${certificateNumber(1)}`);
    if (r.status !== 200 || Buffer.byteLength(r.text) !== bytes) throw new Error(`answers ${r.status}, ${r.text.length} bytes`);
  }, 30_000, 100);
  return { port, entry, case: { label: 'bare Fastify, same JSON', port, pid: entry.child.pid, rows } };
}

async function readModelFigures(secrets) {
  const [small, large] = SETTINGS.rows;
  // Two platforms side by side, one per size of the read model, measured in turns: the
  // comparison of 2a does not depend on which one ran first or on the machine's drift.
  // A standalone platform holds some 35 connections, so on a server without room for two,
  // one platform is measured with the small model, then with the large one.
  const [{ free }] = await sql(
    adminUrl,
    `SELECT (SELECT setting::int FROM pg_settings WHERE name = 'max_connections') - (SELECT count(*)::int FROM pg_stat_activity) AS free`,
  );
  const sideBySide = env.BENCH_SIDE_BY_SIDE !== '0' && free >= 90;
  raw.readModelMode = sideBySide ? 'two platforms, measured in turns' : 'one platform, small then large';
  if (!sideBySide) {
    warnings.push(
      `${env.BENCH_SIDE_BY_SIDE === '0' ? 'BENCH_SIDE_BY_SIDE=0' : `only ${free} connections free on the PostgreSQL server`}: ` +
        'both read model sizes measured one after the other on one platform, not in turns',
    );
  }
  const [A, B] = await Promise.all([startPlatform('platform-small', secrets), sideBySide ? startPlatform('platform-large', secrets) : null]);
  A.token = await login(A.port, 'ae.customs');
  await fillReadModel(A.url, 0, small);
  if (B) {
    B.token = await login(B.port, 'ae.customs');
    await fillReadModel(B.url, 0, large);
  }
  for (const p of [A, B].filter(Boolean)) await untilHeldInMemory(p);

  // One real answer: the bare server serves exactly this.
  const sample = await http(A.port, 'GET', `/api/v1/verify/${certificateNumber(Math.floor(small / 2))}`, { token: A.token });
  const samples = [sample, ...(B ? [await http(B.port, 'GET', `/api/v1/verify/${certificateNumber(large - 1)}`, { token: B.token })] : [])];
  for (const r of samples) {
    if (r.status !== 200 || r.json?.verdict !== 'VALID') {
      throw new Error(`a certificate of the filled read model does not verify VALID: ${r.status} ${r.text.slice(0, 500)}`);
    }
  }
  const answerFile = path.join(TMP, 'answer.json');
  fs.writeFileSync(answerFile, sample.text);
  raw.answer = { bytes: Buffer.byteLength(sample.text), example: sample.json };
  log(`a verification answer is ${Buffer.byteLength(sample.text)} bytes of JSON (verdict ${sample.json.verdict})`);

  // The baseline runs beside the platforms and is measured in turns with them, its slices
  // first and last: a ratio of two figures taken at different moments would carry the
  // machine's drift between them (bare Fastify alone moved from 22,000 to 32,000 req/s
  // between runs of one day), while slices taken in turns see the same machine.
  const bare = await startBareFastify('bare-fastify', answerFile, small);
  const barePort = bare.port;
  const bareCase = bare.case;

  // A process's first load warms more than 2 s can (JIT tiers, the database pools and their
  // backends' caches): without this the first slice would pay for it.
  log(`priming ${B ? 'both platforms' : 'the platform'} and bare Fastify: ${SETTINGS.primeS} s of load each, not measured`);
  for (const [p, rows] of B ? [[A, small], [B, large]] : [[A, small]]) {
    await load(p.port, { token: p.token, rows, durationS: SETTINGS.primeS });
    await drainOutbox(p.url);
  }
  await load(barePort, { rows: small, durationS: SETTINGS.primeS });

  const smallCase = { label: `verify, ${small.toLocaleString('en')} certificates`, ...A, rows: small };
  let baseline;
  let r1;
  let r2;
  if (B) {
    [baseline, r1, r2] = await measure([bareCase, smallCase, { label: `verify, ${large.toLocaleString('en')} certificates`, ...B, rows: large }], SETTINGS.rounds);
    await stop(B.entry);
  } else {
    [baseline, r1] = await measure([bareCase, smallCase], SETTINGS.rounds);
    await fillReadModel(A.url, small, large);
    await untilHeldInMemory(A);
    [r2] = await measure([{ ...smallCase, label: `verify, ${large.toLocaleString('en')} certificates`, rows: large }], 1);
  }
  bareBaseline = { ...baseline, answerFile };
  await stop(bare.entry, 5000);
  const slices = (r) => r.slices.map((x) => x.requestsPerSecond.toLocaleString('en')).join(' / ');

  readModelFigureSet({
    suffix: '',
    r1,
    r2,
    baseline,
    names: { throughput: `${SETTINGS.connections} connections`, latency: '', rss: 'the server process' },
    notes: {
      throughput1: `req/s by slice, in turns: bare Fastify ${slices(baseline)}, platform ${slices(r1)}; CPU per request: platform ${r1.cpuMicrosecondsPerRequest.server} µs, PostgreSQL ${r1.cpuMicrosecondsPerRequest.postgres} µs (bare Fastify ${baseline.cpuMicrosecondsPerRequest.server} µs)`,
      throughput2:
        `${round((100 * r2.requestsPerSecond) / baseline.requestsPerSecond)} % of bare Fastify; ` +
        (B ? `req/s by slice (taken in turns): ${large.toLocaleString('en')}: ${slices(r2)}, ${small.toLocaleString('en')}: ${slices(r1)}; ` : 'measured after the small model, on the same platform; ') +
        `CPU per request: platform ${r2.cpuMicrosecondsPerRequest.server} µs, PostgreSQL ${r2.cpuMicrosecondsPerRequest.postgres} µs`,
      rss:
        `highest VmRSS sampled every 100 ms during the load, of the standalone platform holding ${large.toLocaleString('en')} certificates (all six services in one process; ` +
        `PostgreSQL apart); ${r2.memory.rssBeforeMb} MB before the load; VmHWM (peak since boot, start-up included) ${r2.memory.peakHwmMb} MB`,
    },
  });

  raw.verificationsRecorded = {
    small: (await sql(A.url, `SELECT count(*)::int AS n FROM verification.verification_record`))[0].n,
  };

  // 3, standalone: the platform with the small model, its outbox drained.
  const issuer = await login(A.port, 'bw.issuer');
  const warm = await issue(A.port, issuer);
  await untilValid(A.port, A.token, warm, performance.now(), 10_000);
  const s = await issueToValid('issue → VALID, standalone', {
    issuePort: A.port,
    verifyPort: A.port,
    issuer,
    customs: A.token,
    count: SETTINGS.issues,
    timeoutMs: 10_000,
    serverPids: [A.pid],
    database: A.database,
  });
  figure('3a', 'POST /certificates → first VALID answer, standalone', {
    value: s.p99Ms,
    unit: 'ms p99',
    baseline: s.verifyRoundTripMs.p99,
    baselineLabel: 'one verify round trip p99',
    target: `< ${TARGETS.issueStandaloneP99Ms} ms`,
    pass: s.p99Ms < TARGETS.issueStandaloneP99Ms,
    note: `p50 ${s.p50Ms} ms, max ${s.maxMs} ms, ${s.count} certificates issued one after another, polled every ${SETTINGS.pollMs} ms`,
  });

  await stop(A.entry);
}

/** Waits (a bounded time) until the verification records of a load run have left the outbox. */
async function drainOutbox(url, timeoutMs = 60_000) {
  const t0 = performance.now();
  let pending = 0;
  while (performance.now() - t0 < timeoutMs) {
    await sleep(250);
    [{ pending }] = await sql(url, `SELECT count(*)::int AS pending FROM verification.outbox WHERE published_at IS NULL`);
    if (pending === 0) break;
  }
  const ms = performance.now() - t0;
  raw.outboxDrains = [...(raw.outboxDrains ?? []), { ms: round(ms, 0), pendingLeft: pending }];
  if (pending) log(`warning: ${pending} verification records still unpublished after ${timeoutMs / 1000} s`);
  else if (ms > 5000) log(`the verification outbox took ${(ms / 1000).toFixed(1)} s to drain after the load`);
}

// ---------------------------------------------------------------------------------------
// 3, distributed: six processes over Kafka

async function distributedFigure(secrets) {
  const notMeasured = (reason) => {
    log(`distributed figure not measured: ${reason}`);
    figure('3b', 'POST /certificates → first VALID answer, distributed over Kafka', {
      value: null,
      unit: 'ms p99',
      target: `< ${TARGETS.issueDistributedP99Ms} ms`,
      note: `not measured: ${reason}`,
    });
  };
  if (!SETTINGS.distributed) return notMeasured('BENCH_DISTRIBUTED=0');

  // Redis
  const redisUrl = env.REDIS_URL || 'redis://127.0.0.1:6379';
  const Redis = requireFromRoot('ioredis');
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 2000, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    return notMeasured(`no Redis at ${redisUrl} (${error.message}); set REDIS_URL`);
  }
  const namespace = `bench${run}`;
  const queuePrefix = `kp-${namespace}`;
  cleanups.push(async () => {
    try {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${queuePrefix}:*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length) await redis.del(...keys);
      } while (cursor !== '0');
    } finally {
      redis.disconnect();
    }
  });

  // Kafka
  let brokers = env.KAFKA_BROKERS;
  let kafkaKind = 'KAFKA_BROKERS';
  if (!brokers) {
    const dir = path.join(TMP, 'kafka-mock');
    const script = path.join(ROOT, 'scripts', 'kafka-mock.sh');
    try {
      const { stdout } = await promisify(execFile)('bash', [script, 'start', dir], { env: { ...env, KAFKA_BROKERS: '' }, timeout: 120_000 });
      brokers = stdout.trim().split('\n').pop();
      kafkaKind = 'librdkafka mock cluster (scripts/kafka-mock.sh)';
      cleanups.push(() => promisify(execFile)('bash', [script, 'stop', dir], { env: { ...env, KAFKA_BROKERS: '' }, timeout: 30_000 }).catch(() => undefined));
    } catch (error) {
      return notMeasured(`no Kafka: KAFKA_BROKERS is not set and the mock did not start (${(error.stderr || error.message).trim().split('\n').pop()})`);
    }
  }
  const shim = (await needsMockShim(brokers)) ? path.join(ROOT, 'test', 'support', 'kafkajs-librdkafka-mock.js') : null;
  log(`Kafka: ${kafkaKind} at ${brokers}${shim ? ' (kafkajs shim for the mock preloaded)' : ''}; Redis ${redisUrl}`);

  const url = await freshDatabase('distributed');
  const services = ['participants', 'certificates', 'shipments', 'verification', 'reform', 'monitoring'];
  const ports = {};
  for (const s of services) ports[s] = await freePort();
  const shared = {
    KP_MODE: 'distributed',
    KP_DEMO: '1',
    DATABASE_URL: url,
    KAFKA_BROKERS: brokers,
    KAFKA_NAMESPACE: namespace,
    KAFKA_REPLICATION_FACTOR: env.KAFKA_REPLICATION_FACTOR || '1',
    KAFKA_TOPIC_PARTITIONS: env.KAFKA_TOPIC_PARTITIONS || '4',
    REDIS_URL: redisUrl,
    KP_QUEUE_PREFIX: queuePrefix,
    KP_RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'warn',
    KAFKAJS_NO_PARTITIONER_WARNING: '1',
    ...secrets,
    // The librdkafka mock holds an empty fetch for the whole wait: the default 500 ms would be 3b's latency.
    ...(shim ? { NODE_OPTIONS: `${env.NODE_OPTIONS ? `${env.NODE_OPTIONS} ` : ''}--require ${shim}`, KAFKA_FETCH_MAX_WAIT_MS: env.KAFKA_FETCH_MAX_WAIT_MS || '100' } : {}),
  };
  const bootT0 = performance.now();
  const procs = {};
  const startService = (s) => {
    procs[s] = spawnNode(`distributed-${s}`, [path.join(ROOT, `dist/apps/${s}/src/main.js`)], { ...shared, PORT: String(ports[s]) });
    cleanups.push(() => stop(procs[s]));
    return waitHealthy(procs[s], ports[s], 120_000);
  };
  await startService('participants'); // seeds the registry and the users the others learn about
  await Promise.all(services.slice(1).map(startService));
  log(`six services healthy after ${((performance.now() - bootT0) / 1000).toFixed(1)} s (verification pid ${procs.verification.child.pid})`);

  const issuer = await login(ports.participants, 'bw.issuer');
  const customs = await login(ports.participants, 'ae.customs');
  // Until the certificates service has learned the registry and its keys over Kafka, and the
  // verification consumer has joined its group: one certificate through, not counted.
  const warmT0 = performance.now();
  const warm = await retrying('issuing the first certificate', () => issue(ports.certificates, issuer), 120_000, 500);
  await untilValid(ports.verification, customs, warm, performance.now(), 120_000);
  log(`first certificate through Kafka after ${((performance.now() - warmT0) / 1000).toFixed(1)} s (warm-up, not counted)`);

  const rssBefore = readMemory(procs.verification.child.pid);
  const d = await issueToValid('issue → VALID, distributed', {
    issuePort: ports.certificates,
    verifyPort: ports.verification,
    issuer,
    customs,
    count: SETTINGS.issues,
    timeoutMs: 10_000,
    serverPids: services.map((s) => procs[s].child.pid),
    database: new URL(url).pathname.slice(1),
  });
  const rss = readMemory(procs.verification.child.pid);
  raw['issue → VALID, distributed'].verificationProcessMemory = { rssBeforeMb: round(rssBefore.rssMb), rssAfterMb: round(rss.rssMb), peakHwmMb: round(rss.hwmMb) };
  figure('3b', 'POST /certificates → first VALID answer, distributed over Kafka', {
    value: d.p99Ms,
    unit: 'ms p99',
    baseline: d.verifyRoundTripMs.p99,
    baselineLabel: 'one verify round trip p99',
    target: `< ${TARGETS.issueDistributedP99Ms} ms`,
    pass: d.p99Ms < TARGETS.issueDistributedP99Ms,
    note: `p50 ${d.p50Ms} ms, max ${d.maxMs} ms; ${kafkaKind}; six services, one process each; verification process RSS ${round(rss.rssMb)} MB`,
  });

  await verificationProcessFigures({
    url,
    port: ports.verification,
    pid: procs.verification.child.pid,
    loginPort: ports.participants,
    database: new URL(url).pathname.slice(1),
  }).catch((error) => {
    log(`figures of the verification process alone failed: ${error.message}`);
    raw.verificationProcessError = error.message;
  });
  await Promise.all(services.map((s) => stop(procs[s])));
}

/**
 * 1 and 2 again, on the verification service as it runs in distributed mode: its own
 * process, serving the border alone (the issue's "verification process"), the other five
 * services running beside it in theirs. The standalone figures above carry all six
 * services in the process measured; these show the verification process's own. Its
 * baseline is a bare Fastify started again here and measured in turns with it, so that
 * both run beside the same five idle services and Kafka mock (about a fifth of a core
 * between them on 2 cores); the first bare Fastify's ratio is given beside it.
 */
async function verificationProcessFigures(v) {
  if (!bareBaseline) return;
  const [small, large] = SETTINGS.rows;
  await fillReadModel(v.url, 0, small);
  await untilHeldInMemory(v);
  const token = await login(v.loginPort, 'ae.customs');
  const base = { port: v.port, pid: v.pid, token, url: v.url, database: v.database };
  const bare = await startBareFastify('bare-fastify-distributed', bareBaseline.answerFile, small);
  log(`verification process alone and bare Fastify beside it: priming, ${SETTINGS.primeS} s of load each, not measured`);
  await load(v.port, { token, rows: small, durationS: SETTINGS.primeS });
  await load(bare.port, { rows: small, durationS: SETTINGS.primeS });
  const [baseline, r1] = await measure(
    [{ ...bare.case, label: 'bare Fastify, same JSON, beside the distributed services' }, { ...base, label: `verification process alone, ${small.toLocaleString('en')} certificates`, rows: small }],
    SETTINGS.rounds,
  );
  await stop(bare.entry, 5000);
  await fillReadModel(v.url, small, large);
  await untilHeldInMemory(v);
  // Primed again, as every measured server is: it has just loaded a million rows, and the
  // collection of what the load left behind is start-up, not the steady state measured.
  log(`verification process alone, ${large.toLocaleString('en')} certificates: priming, ${SETTINGS.primeS} s of load, not measured`);
  await load(v.port, { token, rows: large, durationS: SETTINGS.primeS });
  const [r2] = await measure([{ ...base, label: `verification process alone, ${large.toLocaleString('en')} certificates`, rows: large }], SETTINGS.rounds);
  const cpu = (r) => `CPU per request: verification ${r.cpuMicrosecondsPerRequest.server} µs, PostgreSQL ${r.cpuMicrosecondsPerRequest.postgres} µs`;
  const slices = (r) => r.slices.map((x) => x.requestsPerSecond.toLocaleString('en')).join(' / ');
  const alone = 'verification process alone';
  readModelFigureSet({
    suffix: '-v',
    r1,
    r2,
    baseline,
    names: { throughput: alone, latency: `, ${alone}`, rss: 'the verification process' },
    notes: {
      throughput1:
        `bare Fastify beside the five other services, measured in turns: req/s by slice, bare Fastify ${slices(baseline)}, verification ${slices(r1)}; ` +
        `${round((100 * r1.requestsPerSecond) / bareBaseline.requestsPerSecond)} % of the first bare Fastify (1a's, ${round(bareBaseline.requestsPerSecond, 0).toLocaleString('en')} req/s, alone on the machine); ` +
        `${cpu(r1)} (bare Fastify ${baseline.cpuMicrosecondsPerRequest.server} µs)`,
      throughput2: `measured after it; ${cpu(r2)}`,
      rss: `highest VmRSS sampled every 100 ms during the load; ${r2.memory.rssBeforeMb} MB before it; VmHWM ${r2.memory.peakHwmMb} MB`,
    },
  });
}

/**
 * Figures 1a to 2c (with `suffix`, of another system under test): r1 is the small read
 * model's measurement, r2 the large one's, `baseline` bare Fastify's.
 */
/** The mean latency a closed loop of SETTINGS.connections implies (Little's law), in ms. */
const littleMs = (r) => (1000 * SETTINGS.connections) / r.requestsPerSecond;

function readModelFigureSet({ suffix, r1, r2, baseline, names, notes }) {
  const [small, large] = SETTINGS.rows;
  const errorsOf = (r) => r.non2xx + r.errors + r.timeouts;
  const errorNote = (r) => (errorsOf(r) ? `; ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts` : '');
  const n = (x) => x.toLocaleString('en');
  figure(`1a${suffix}`, `GET /verify throughput, ${n(small)} certificates, ${names.throughput}`, {
    value: r1.requestsPerSecond,
    unit: 'req/s',
    baseline: baseline.requestsPerSecond,
    baselineLabel: 'bare Fastify, same JSON',
    target: `>= ${TARGETS.throughputVsBare * 100} % of baseline`,
    pass: r1.requestsPerSecond >= TARGETS.throughputVsBare * baseline.requestsPerSecond && !errorsOf(r1),
    note: `${round((100 * r1.requestsPerSecond) / baseline.requestsPerSecond)} % of bare Fastify; ${notes.throughput1}${errorNote(r1)}`,
  });
  figure(`1b${suffix}`, `GET /verify p99 latency, ${n(small)} certificates${names.latency}`, {
    value: r1.latencyMs.p99,
    unit: 'ms',
    baseline: baseline.latencyMs.p99,
    baselineLabel: 'bare Fastify p99',
    target: `< ${TARGETS.p99Ms} ms`,
    pass: r1.latencyMs.p99 < TARGETS.p99Ms,
    note:
      `p50 ${r1.latencyMs.p50} ms, max ${r1.latencyMs.max} ms; mean ${round(littleMs(r1))} ms = ${SETTINGS.connections} connections ÷ throughput ` +
      `(bare Fastify: mean ${round(littleMs(baseline))} ms, p50 ${baseline.latencyMs.p50} ms, p99 ${baseline.latencyMs.p99} ms)`,
  });
  if (baseline.latencyMs.p99 >= 0.8 * TARGETS.p99Ms) {
    warnings.push(
      `1b${suffix}: bare Fastify's own p99 is ${baseline.latencyMs.p99} ms on this machine, near or above the ${TARGETS.p99Ms} ms target. ` +
        `With every connection busy, the mean latency is the connections divided by the throughput, and the p99 a multiple of it ` +
        `that the machine sets (bare Fastify's: ${round(baseline.latencyMs.p99 / baseline.latencyMs.p50)} × its p50): here the latency figures measure the machine as much as the server`,
    );
  }
  figure(`2a${suffix}`, `GET /verify throughput, ${n(large)} certificates${names.latency}`, {
    value: r2.requestsPerSecond,
    unit: 'req/s',
    baseline: r1.requestsPerSecond,
    baselineLabel: `${n(small)} certificates`,
    target: `>= ${TARGETS.throughputLargeVsSmall * 100} % of baseline`,
    pass: r2.requestsPerSecond >= TARGETS.throughputLargeVsSmall * r1.requestsPerSecond && !errorsOf(r2),
    note: `${round((100 * r2.requestsPerSecond) / r1.requestsPerSecond)} % of the ${n(small)} case; ${notes.throughput2}${errorNote(r2)}`,
  });
  figure(`2b${suffix}`, `GET /verify p99 latency, ${n(large)} certificates${names.latency}`, {
    value: r2.latencyMs.p99,
    unit: 'ms',
    baseline: r1.latencyMs.p99,
    baselineLabel: `${n(small)} certificates`,
    target: `< ${TARGETS.p99Ms} ms`,
    pass: r2.latencyMs.p99 < TARGETS.p99Ms,
    note: `p50 ${r2.latencyMs.p50} ms, max ${r2.latencyMs.max} ms`,
  });
  figure(`2c${suffix}`, `RSS of ${names.rss} under load, ${n(large)} certificates`, {
    value: r2.memory.maxRssDuringMb,
    unit: 'MB',
    baseline: r1.memory.maxRssDuringMb,
    baselineLabel: `under load with ${n(small)}`,
    target: `< ${TARGETS.rssMb} MB`,
    pass: r2.memory.maxRssDuringMb < TARGETS.rssMb,
    note: notes.rss,
  });
}

async function needsMockShim(brokers) {
  // The librdkafka mock advertises a controller that is none of its brokers (see the shim).
  const { Kafka, logLevel } = requireFromRoot('kafkajs');
  const admin = new Kafka({
    clientId: 'kp-bench',
    brokers: brokers.split(',').map((b) => b.trim()),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3000,
    retry: { retries: 2, initialRetryTime: 200 },
  }).admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return !cluster.brokers.some((b) => b.nodeId === cluster.controller);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

// ---------------------------------------------------------------------------------------
// report

function printReport(meta) {
  const head = ['#', 'figure', 'measured', 'baseline (same run)', 'target', 'result'];
  const rows = figures.map((f) => [
    f.id,
    f.figure,
    f.value === null || f.value === undefined || Number.isNaN(f.value) ? '–' : `${f.value.toLocaleString('en')} ${f.unit}`,
    f.baseline === undefined || f.baseline === null || Number.isNaN(f.baseline) ? '–' : `${f.baseline.toLocaleString('en')} (${f.baselineLabel})`,
    f.target,
    f.result,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  const rule = `|-${widths.map((w) => '-'.repeat(w)).join('-|-')}-|`;
  const out = [
    '',
    `KP Platform benchmarks, ${meta.finishedAt}`,
    `machine: ${meta.machine.cpus} × ${meta.machine.cpuModel}, ${meta.machine.memoryGb} GB, Node ${meta.machine.node}; PostgreSQL ${meta.postgres.version} (${meta.postgres.kind})`,
    `load: autocannon, ${SETTINGS.connections} connections, random existing numbers, 127.0.0.1; ${SETTINGS.durationS} s measured per figure ` +
      `(${SETTINGS.rounds > 1 ? `${SETTINGS.rounds} slices taken in turns, ` : ''}each after ${SETTINGS.warmupS} s of warm-up)`,
    'measured: 1, 2 and 3a the built standalone platform (node dist/apps/platform/src/main.js: all six services, one process),',
    '          one per read model size, side by side; 3b the six built services (node dist/apps/<service>/src/main.js), over Kafka',
    '',
    line(head),
    rule,
    ...rows.map(line),
    '',
    ...figures.filter((f) => f.note).map((f) => `${f.id}: ${f.note}`),
    '',
    ...warnings.map((w) => `WARNING: ${w}`),
    ...(warnings.length ? [''] : []),
    `${figures.filter((f) => f.result === 'PASS').length} PASS, ${figures.filter((f) => f.result === 'MISS').length} MISS, ` +
      `${figures.filter((f) => f.result === 'NOT MEASURED').length} not measured; ${meta.durationS} s in all; JSON in ${path.relative(ROOT, path.join(RESULTS, 'latest.json'))}`,
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

// ---------------------------------------------------------------------------------------
// main, and cleanup whatever happens

let cleaningUp;
function cleanup() {
  cleaningUp ??= (async () => {
    currentLoad?.stop();
    for (const fn of cleanups.reverse()) {
      try {
        await fn();
      } catch (error) {
        log(`cleanup: ${error.message}`);
      }
    }
    await Promise.all([...children].filter((c) => c.name !== 'embedded-postgres').map((c) => stop(c, 5000)));
    for (const name of databases) {
      await sql(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch((error) => log(`could not drop ${name}: ${error.message}`));
    }
    await stopPostgres();
    await Promise.all([...children].map((c) => stop(c, 5000)));
    fs.rmSync(TMP, { recursive: true, force: true });
  })();
  return cleaningUp;
}

for (const event of ['uncaughtException', 'unhandledRejection']) {
  process.on(event, (error) => {
    console.error(`[bench] ${event}: ${error?.stack || error}`);
    cleanup().finally(() => process.exit(1));
  });
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    log(`${signal}: stopping everything this run started`);
    cleanup().finally(() => process.exit(130));
  });
}

async function main() {
  for (const s of ['platform', 'participants', 'certificates', 'shipments', 'verification', 'reform', 'monitoring']) {
    if (!fs.existsSync(path.join(ROOT, `dist/apps/${s}/src/main.js`))) throw new Error(`dist/apps/${s}/src/main.js is missing: run \`npm run build\` (npm run bench does)`);
  }
  fs.rmSync(LOGS, { recursive: true, force: true });
  fs.mkdirSync(RESULTS, { recursive: true });
  const cpus = os.cpus();
  log(`${cpus.length} cores (${cpus[0]?.model.trim()}), Node ${process.version}, autocannon ${require('autocannon/package.json').version}`);
  const postgres = await startPostgres();
  // The secrets are the run's own, so nothing is read from or written to ./data.
  const secrets = { KP_JWT_SECRET: randomBytes(48).toString('base64url'), KP_KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64') };

  await readModelFigures(secrets);
  await distributedFigure(secrets).catch((error) => {
    log(`distributed figure failed: ${error.message}`);
    figure('3b', 'POST /certificates → first VALID answer, distributed over Kafka', {
      value: null,
      unit: 'ms p99',
      target: `< ${TARGETS.issueDistributedP99Ms} ms`,
      note: `not measured: ${error.message.split('\n')[0]} (logs in bench/results/logs)`,
    });
    raw.distributedError = error.message;
  });

  const meta = {
    finishedAt: new Date().toISOString(),
    durationS: Math.round((performance.now() - started) / 1000),
    machine: {
      cpus: cpus.length,
      cpuModel: cpus[0]?.model.trim(),
      memoryGb: round(os.totalmem() / 2 ** 30, 1),
      node: process.version,
      autocannon: require('autocannon/package.json').version,
    },
    postgres,
    settings: SETTINGS,
    targets: TARGETS,
    systemsUnderTest: {
      readModel:
        'two standalone platforms side by side, one per read model size: node dist/apps/platform/src/main.js (KP_MODE=standalone, KP_DEMO=1, KP_RATE_LIMIT_PER_MINUTE=0, LOG_LEVEL=warn)',
      issueStandalone: 'the standalone platform with the smaller read model',
      issueDistributed: 'six processes: node dist/apps/<service>/src/main.js (KP_MODE=distributed)',
      baseline: 'bench/bare-fastify.js: fastify answering the captured verification answer',
    },
  };
  return meta;
}

const watchdog = setTimeout(() => {
  log('the bench took longer than 20 minutes: giving up');
  cleanup().finally(() => process.exit(1));
}, 20 * 60_000);
watchdog.unref();

main()
  .then(async (meta) => {
    await cleanup();
    meta.durationS = Math.round((performance.now() - started) / 1000);
    fs.writeFileSync(path.join(RESULTS, 'latest.json'), `${JSON.stringify({ ...meta, figures, warnings, raw }, null, 2)}\n`);
    if (!env.BENCH_KEEP_LOGS) fs.rmSync(LOGS, { recursive: true, force: true });
    printReport(meta);
    // MISS is a result, not a failure of the bench: the exit code says whether it ran.
    process.exit(0);
  })
  .catch(async (error) => {
    console.error(`[bench] failed: ${error.stack || error}`);
    await cleanup();
    if (figures.length) {
      fs.writeFileSync(path.join(RESULTS, 'latest.json'), `${JSON.stringify({ failed: error.message, figures, raw }, null, 2)}\n`);
    }
    console.error(`[bench] the services' logs are in ${path.relative(ROOT, LOGS)}`);
    process.exit(1);
  });
