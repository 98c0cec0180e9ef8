#!/usr/bin/env node
'use strict';
// Runs the platform in distributed mode on one machine: the six built services, each
// its own process on its own port, sharing one Kafka and one PostgreSQL server (each
// service keeps its own schema). Participants starts first (it seeds the registry and
// the users); the other five start once its /health answers 200.
//
// Usage (after `npm run build`):
//   KAFKA_BROKERS=host:9092 DATABASE_URL=postgres://user@127.0.0.1:5432/kp REDIS_URL=redis://127.0.0.1:6379 \
//     node scripts/run-distributed.js
//
// Environment (everything is passed through to the services, with KP_MODE=distributed):
//   KAFKA_BROKERS            required; e.g. the mock: `bash scripts/kafka-mock.sh start`
//   DATABASE_URL             required, unless every <SERVICE>_DATABASE_URL is set
//   REDIS_URL                required (jobs); e.g. the local server: redis://127.0.0.1:6379
//   KP_BASE_PORT             first port (default 3001): participants, certificates,
//                            shipments, verification, reform, monitoring get 3001..3006
//   KP_JWT_SECRET, KP_KEY_ENCRYPTION_KEY
//                            generated for this run when unset (same for all six)
//   KP_START_TIMEOUT_MS      how long a service may take to become healthy (default 120000)
//   KP_KAFKA_MOCK_SHIM       kafkajs shim preloaded into the services when the brokers turn
//                            out to be the librdkafka mock (default
//                            test/support/kafkajs-librdkafka-mock.js; see below)
// Ctrl-C (SIGINT) or SIGTERM stops every service: SIGTERM, then SIGKILL after 10 s.
// If a service exits on its own, the others are stopped and the exit code is 1.

const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const readline = require('node:readline');

const SERVICES = ['participants', 'certificates', 'shipments', 'verification', 'reform', 'monitoring'];
const ROOT = path.resolve(__dirname, '..');
const KILL_AFTER_MS = 10_000;
const HEALTH_POLL_MS = 500;

const env = process.env;
const useColor = process.stdout.isTTY && !env.NO_COLOR;
const COLORS = [36, 33, 35, 32, 34, 91];
const WIDTH = Math.max(...SERVICES.map((s) => s.length)) + 2;

function note(message) {
  process.stderr.write(`[run-distributed] ${message}\n`);
}

function fail(message) {
  process.stderr.write(`[run-distributed] error: ${message}\n`);
  process.exit(2);
}

// ---- configuration ---------------------------------------------------------------

const basePort = Number(env.KP_BASE_PORT || 3001);
if (!Number.isInteger(basePort) || basePort < 1 || basePort + SERVICES.length - 1 > 65535) {
  fail(`KP_BASE_PORT must be a port number, got "${env.KP_BASE_PORT}"`);
}
const startTimeoutMs = Number(env.KP_START_TIMEOUT_MS || 120_000);

const problems = [];
if (!env.KAFKA_BROKERS) {
  problems.push(
    'KAFKA_BROKERS is not set. For a local mock cluster run\n' +
      '      export KAFKA_BROKERS=$(bash scripts/kafka-mock.sh start)\n' +
      '    or point it at a real Kafka (host:port[,host:port...]).',
  );
}
const missingDb = SERVICES.filter((s) => !env[`${s.toUpperCase()}_DATABASE_URL`]);
if (!env.DATABASE_URL && missingDb.length) {
  problems.push(
    'DATABASE_URL is not set. Use the local PostgreSQL, e.g.\n' +
      '      createdb -h 127.0.0.1 -U postgres kp && export DATABASE_URL=postgres://postgres@127.0.0.1:5432/kp\n' +
      '    (each service creates its own schema in it), or `node scripts/embedded-postgres.js`;\n' +
      `    or set <SERVICE>_DATABASE_URL for each service (missing: ${missingDb.join(', ')}).`,
  );
}
if (!env.REDIS_URL) {
  problems.push(
    'REDIS_URL is not set (the services keep their job queues in Redis). Use the local server, e.g.\n' +
      '      export REDIS_URL=redis://127.0.0.1:6379   (start one with `redis-server --daemonize yes` if none runs)',
  );
}
if (problems.length) fail(`cannot start distributed mode:\n  - ${problems.join('\n  - ')}`);

const missingBuild = SERVICES.filter((s) => !fs.existsSync(entryOf(s)));
if (missingBuild.length) fail(`not built: ${missingBuild.map((s) => path.relative(ROOT, entryOf(s))).join(', ')}; run \`npm run build\` first`);

const shared = { ...env, KP_MODE: 'distributed' };
delete shared.PORT;
const generated = [];
if (!shared.KP_JWT_SECRET) {
  shared.KP_JWT_SECRET = crypto.randomBytes(48).toString('base64url');
  generated.push('KP_JWT_SECRET');
}
if (!shared.KP_KEY_ENCRYPTION_KEY) {
  shared.KP_KEY_ENCRYPTION_KEY = crypto.randomBytes(32).toString('base64');
  generated.push('KP_KEY_ENCRYPTION_KEY');
}
if (!shared.KAFKAJS_NO_PARTITIONER_WARNING) shared.KAFKAJS_NO_PARTITIONER_WARNING = '1';
if (generated.length) {
  note(
    `note: generated ${generated.join(' and ')} for this run, shared by the six services: ` +
      [
        generated.includes('KP_JWT_SECRET') && 'tokens issued now will not survive a restart',
        generated.includes('KP_KEY_ENCRYPTION_KEY') && 'signing keys stored now cannot be unwrapped by a later run',
      ]
        .filter(Boolean)
        .join(', and ') +
      '; set them in the environment to keep them.',
  );
}

function entryOf(service) {
  return path.join(ROOT, 'dist', 'apps', service, 'src', 'main.js');
}

/**
 * Asks the cluster who its brokers and controller are, before starting anything: an
 * unreachable Kafka fails here with a clear message. The librdkafka mock
 * (scripts/kafka-mock.sh) advertises controller 0 while its brokers are 1..N, which
 * kafkajs's idempotent producer cannot live with; for it, the test shim that routes
 * controller requests to a real broker is preloaded into the services (never needed
 * with a real Kafka).
 */
async function probeKafka() {
  let kafkajs;
  try {
    kafkajs = require(require.resolve('kafkajs', { paths: [ROOT] }));
  } catch {
    note('kafkajs not found under node_modules; skipping the Kafka check (run `npm ci`?)');
    return;
  }
  const brokers = shared.KAFKA_BROKERS.split(',').map((b) => b.trim()).filter(Boolean);
  const kafka = new kafkajs.Kafka({
    clientId: 'kp-run-distributed',
    brokers,
    logLevel: kafkajs.logLevel.NOTHING,
    connectionTimeout: 3000,
    retry: { retries: 2, initialRetryTime: 200 },
  });
  const admin = kafka.admin();
  let cluster;
  try {
    await admin.connect();
    cluster = await admin.describeCluster();
  } catch (error) {
    fail(
      `cannot reach Kafka at ${brokers.join(',')}: ${error.message}\n` +
        '  start the local mock with `export KAFKA_BROKERS=$(bash scripts/kafka-mock.sh start)` or fix KAFKA_BROKERS.',
    );
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
  if (cluster.brokers.some((b) => b.nodeId === cluster.controller)) return;
  const shim = path.resolve(ROOT, env.KP_KAFKA_MOCK_SHIM || 'test/support/kafkajs-librdkafka-mock.js');
  if (!fs.existsSync(shim)) {
    note(
      `warning: Kafka advertises controller ${cluster.controller}, which is none of its brokers (the librdkafka mock?), ` +
        `and the kafkajs shim ${path.relative(ROOT, shim)} is missing: the services will likely fail with "Broker ${cluster.controller} not found".`,
    );
    return;
  }
  note(`Kafka advertises a controller that is none of its brokers (librdkafka mock): preloading ${path.relative(ROOT, shim)} into the services`);
  shared.NODE_OPTIONS = `${shared.NODE_OPTIONS ? `${shared.NODE_OPTIONS} ` : ''}--require ${JSON.stringify(shim)}`;
  // The mock holds an empty fetch for the whole wait (a broker answers as soon as a message arrives).
  shared.KAFKA_FETCH_MAX_WAIT_MS ??= '100';
}

// ---- children --------------------------------------------------------------------

/** @type {Map<string, {service: string, port: number, child: import('node:child_process').ChildProcess, exited: Promise<void>, done: boolean}>} */
const running = new Map();
let stopping = false;
let exitCode = 0;

function prefix(service) {
  const label = `[${service}]`.padEnd(WIDTH + 1);
  if (!useColor) return label;
  return `\x1b[${COLORS[SERVICES.indexOf(service) % COLORS.length]}m${label}\x1b[0m`;
}

function pipeLines(stream, out, service) {
  const rl = readline.createInterface({ input: stream, crlfDelay: Infinity });
  rl.on('line', (line) => out.write(`${prefix(service)} ${line}\n`));
}

function start(service, port) {
  const child = spawn(process.execPath, [entryOf(service)], {
    cwd: ROOT,
    env: { ...shared, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const entry = { service, port, child, done: false, exited: null };
  entry.exited = new Promise((resolve) => {
    child.on('error', (error) => {
      note(`${service}: could not spawn: ${error.message}`);
    });
    child.on('exit', (code, signal) => {
      entry.done = true;
      resolve();
      if (!stopping) {
        note(`${service} exited unexpectedly (${signal ? `signal ${signal}` : `code ${code}`}); stopping the others`);
        shutdown(1);
      } else {
        note(`${service} stopped (${signal ? `signal ${signal}` : `code ${code}`})`);
      }
    });
  });
  pipeLines(child.stdout, process.stdout, service);
  pipeLines(child.stderr, process.stderr, service);
  running.set(service, entry);
  note(`started ${service} (pid ${child.pid}) on port ${port}`);
  return entry;
}

function healthStatus(port) {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/health', timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(0));
  });
}

async function waitHealthy(entry) {
  const deadline = Date.now() + startTimeoutMs;
  let last = 0;
  while (!stopping && !entry.done) {
    last = await healthStatus(entry.port);
    if (last === 200) return true;
    if (Date.now() > deadline) {
      note(`${entry.service} did not become healthy within ${startTimeoutMs} ms (last /health: ${last || 'no answer'})`);
      return false;
    }
    await sleep(HEALTH_POLL_MS);
  }
  return false;
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

let shutdownPromise;
function shutdown(code) {
  exitCode = Math.max(exitCode, code);
  if (shutdownPromise) return shutdownPromise;
  stopping = true;
  shutdownPromise = (async () => {
    const alive = [...running.values()].filter((e) => !e.done);
    if (alive.length) note(`stopping ${alive.map((e) => e.service).join(', ')} ...`);
    for (const e of alive) signal(e, 'SIGTERM');
    const timer = setTimeout(() => {
      for (const e of running.values()) {
        if (!e.done) {
          note(`${e.service} still running after ${KILL_AFTER_MS / 1000} s; sending SIGKILL`);
          signal(e, 'SIGKILL');
        }
      }
    }, KILL_AFTER_MS);
    await Promise.all([...running.values()].map((e) => e.exited));
    clearTimeout(timer);
    note(exitCode ? `stopped (exit ${exitCode})` : 'all services stopped');
    process.exit(exitCode);
  })();
  return shutdownPromise;
}

function signal(entry, sig) {
  try {
    entry.child.kill(sig);
  } catch {
    /* already gone */
  }
}

let signals = 0;
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    signals += 1;
    if (signals > 1 && stopping) {
      note(`${sig} again: killing every service now`);
      for (const e of running.values()) if (!e.done) signal(e, 'SIGKILL');
      return;
    }
    note(`${sig} received`);
    shutdown(0);
  });
}
process.on('uncaughtException', (error) => {
  note(`internal error: ${error.stack || error}`);
  shutdown(1);
});

// ---- main ------------------------------------------------------------------------

async function main() {
  note(`distributed mode: Kafka ${shared.KAFKA_BROKERS}; services on ports ${basePort}..${basePort + SERVICES.length - 1}`);
  await probeKafka();
  if (stopping) return;
  const ports = new Map(SERVICES.map((s, i) => [s, basePort + i]));

  const [first, ...rest] = SERVICES;
  const participants = start(first, ports.get(first));
  note(`waiting for ${first} to be healthy before starting the others ...`);
  if (!(await waitHealthy(participants))) return shutdown(1);
  if (stopping) return;
  note(`${first} is healthy`);

  const entries = rest.map((s) => start(s, ports.get(s)));
  const healthy = await Promise.all(entries.map((e) => waitHealthy(e)));
  if (stopping) return;
  if (!healthy.every(Boolean)) return shutdown(1);

  const rows = SERVICES.map((s) => [s, `http://127.0.0.1:${ports.get(s)}`]);
  const w = Math.max(...rows.map(([s]) => s.length), 'service'.length);
  const u = Math.max(...rows.map(([, url]) => url.length));
  const line = `+-${'-'.repeat(w)}-+-${'-'.repeat(u)}-+`;
  const table = [
    line,
    `| ${'service'.padEnd(w)} | ${'url'.padEnd(u)} |`,
    line,
    ...rows.map(([s, url]) => `| ${s.padEnd(w)} | ${url.padEnd(u)} |`),
    line,
  ];
  process.stdout.write(`\nall six services are healthy (Ctrl-C stops them):\n${table.join('\n')}\n` +
    `health: <url>/health, metrics: <url>/metrics, API docs: <url>/api/docs\n\n`);
}

main().catch((error) => {
  note(`internal error: ${error.stack || error}`);
  shutdown(1);
});
