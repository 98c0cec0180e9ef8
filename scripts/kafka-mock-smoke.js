#!/usr/bin/env node
/* eslint-disable no-console */
'use strict';
/**
 * Smoke test of kafkajs and @nestjs/microservices (ServerKafka / ClientKafka)
 * against the librdkafka mock cluster started by scripts/kafka-mock.sh
 * (or any Kafka).
 *
 * Usage: node scripts/kafka-mock-smoke.js [BROKERS] [--slow]
 *   --slow also measures a rebalance with kafkajs default consumer settings (~30s).
 *   BROKERS defaults to $KAFKA_BROKERS, else `scripts/kafka-mock.sh brokers`.
 * Exit code 0 if every check passed, 1 otherwise. Prints one line per finding.
 */
const { execFileSync } = require('child_process');
const path = require('path');
const { Kafka, logLevel } = require('kafkajs');
const { lastValueFrom } = require('rxjs');
const { Logger } = require('@nestjs/common');
const { ServerKafka, ClientKafka } = require('@nestjs/microservices');

function resolveBrokers() {
  const arg = process.argv.slice(2).find((a) => !a.startsWith('--')) || process.env.KAFKA_BROKERS;
  if (arg) return arg;
  return execFileSync(path.join(__dirname, 'kafka-mock.sh'), ['brokers'], {
    encoding: 'utf8',
  }).trim();
}

const BROKERS = resolveBrokers()
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const SLOW = process.argv.includes('--slow');
const RUN = `${Date.now().toString(36)}${process.pid}`;
const failures = [];
const t0 = Date.now();

const log = (...a) => console.log(`[${String(Date.now() - t0).padStart(6)}ms]`, ...a);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
function check(name, ok, detail) {
  log(`${ok ? 'PASS' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}`);
  if (!ok) failures.push(name);
}
async function waitFor(pred, timeoutMs, stepMs = 20) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await pred()) return true;
    await sleep(stepMs);
  }
  return !!(await pred());
}

// Capture Nest logger output (ServerKafka/ClientKafka log through it, incl. kafkajs logs)
const nestLogs = [];
Logger.overrideLogger({
  log: () => {},
  debug: () => {},
  verbose: () => {},
  warn: (...a) => nestLogs.push(['warn', ...a]),
  error: (...a) => nestLogs.push(['error', ...a]),
  fatal: (...a) => nestLogs.push(['fatal', ...a]),
});

// Settings that make consumer groups fast on the mock (see report in (d)).
const FAST_CONSUMER = {
  sessionTimeout: 6000,
  rebalanceTimeout: 3000,
  heartbeatInterval: 500,
  maxWaitTimeInMs: 100,
  retry: { initialRetryTime: 100, retries: 8, maxRetryTime: 1000 },
};
// Measured on the librdkafka 2.0.2 mock: the first JoinGroup of an empty group
// always takes ~3000ms (hard-coded initial rebalance delay); a rebalance when a
// member joins/leaves waits sessionTimeout-1000ms; sessionTimeout<=1500 never
// completes a join. maxWaitTimeInMs bounds consumer.disconnect()/stop latency.
const FAST_CLIENT = {
  connectionTimeout: 3000,
  requestTimeout: 10000,
  retry: { initialRetryTime: 100, retries: 8, maxRetryTime: 1000 },
};
const PRODUCER = { idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: true };

const RETRYABLE = new Set(['UNKNOWN_TOPIC_OR_PARTITION', 'LEADER_NOT_AVAILABLE']);
async function sendWithTopicRetry(producer, record, attempts = 10) {
  for (let i = 1; ; i++) {
    try {
      return { res: await producer.send(record), attempts: i };
    } catch (e) {
      const type = e.type || (e.originalError && e.originalError.type);
      if (i >= attempts || !(RETRYABLE.has(type) || /leader|unknown topic/i.test(e.message))) throw e;
      log(`  send attempt ${i} failed (${type || e.message}), retrying`);
      await sleep(100);
    }
  }
}

async function consumeAll({ kafka, groupId, topic, expected, consumerCfg, label }) {
  const consumer = kafka.consumer({ groupId, ...consumerCfg });
  const got = [];
  let joinedAt = null;
  consumer.on(consumer.events.GROUP_JOIN, (e) => {
    if (joinedAt == null) joinedAt = Date.now();
    log(`  [${label}] GROUP_JOIN duration=${e.payload.duration}ms assignment=${JSON.stringify(e.payload.memberAssignment)}`);
  });
  const start = Date.now();
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      got.push({ partition, offset: message.offset, key: message.key && message.key.toString(), value: message.value.toString() });
    },
  });
  const ok = await waitFor(() => got.length >= expected, 30000);
  const allMs = Date.now() - start;
  return { consumer, got, ok, joinMs: joinedAt ? joinedAt - start : null, allMs };
}

/**
 * librdkafka 2.0.2's mock cluster reports ControllerId=0 in Metadata while its
 * brokers are 1..N, so every kafkajs call that goes to the "controller"
 * (idempotent producer InitProducerId, admin.createTopics/deleteTopics/
 * createPartitions/describeConfigs/...) fails with
 * "KafkaJSBrokerNotFound: Broker 0 not found in the cached metadata".
 * Test-only workaround: when the advertised controller is not a known broker,
 * use the first broker instead (any broker answers InitProducerId).
 * Must run in the same module registry as the code under test (in Jest:
 * setupFiles/setupFilesAfterEach, not globalSetup). Returns true if applied.
 */
function patchKafkajsForLibrdkafkaMock() {
  // eslint-disable-next-line global-require
  const Cluster = require('kafkajs/src/cluster');
  if (Cluster.prototype.findControllerBroker.kpMockPatched) return false;
  const original = Cluster.prototype.findControllerBroker;
  const patched = async function findControllerBroker() {
    const md = this.brokerPool && this.brokerPool.metadata;
    if (
      md && md.controllerId != null && Array.isArray(md.brokers) && md.brokers.length > 0 &&
      !md.brokers.some((b) => b.nodeId === md.controllerId)
    ) {
      return this.findBroker({ nodeId: md.brokers[0].nodeId });
    }
    return original.call(this);
  };
  patched.kpMockPatched = true;
  Cluster.prototype.findControllerBroker = patched;
  return true;
}

async function main() {
  log(`brokers=${BROKERS.join(',')}`);
  const kafka = new Kafka({ clientId: `smoke-${RUN}`, brokers: BROKERS, logLevel: logLevel.NOTHING, ...FAST_CLIENT });
  const admin = kafka.admin();
  await admin.connect();

  // ---------------------------------------------------------------- (a)
  const topicA = `smoke-a-${RUN}`;
  const msgs = Array.from({ length: 20 }, (_, i) => ({
    key: `k${i}`,
    value: JSON.stringify({ i }),
    headers: { h: `v${i}` },
  }));
  let t = Date.now();
  // a0: stock kafkajs, idempotent producer -> InitProducerId goes to the "controller"
  {
    const md0 = await admin.describeCluster();
    log(`  cluster: brokers=${md0.brokers.map((x) => x.nodeId).join(',')} controller=${md0.controller} clusterId=${md0.clusterId}`);
    const p0 = kafka.producer(PRODUCER);
    t = Date.now();
    try {
      await p0.connect();
      log(`  (a0) stock kafkajs idempotent producer.connect OK (${Date.now() - t}ms)`);
    } catch (e) {
      log(`  (a0) stock kafkajs idempotent producer.connect FAILS (${Date.now() - t}ms): ${e.name}: ${e.message}`);
    }
    await p0.disconnect().catch(() => {});
    const pn = kafka.producer({ allowAutoTopicCreation: true });
    t = Date.now();
    await pn.connect();
    const { res, attempts } = await sendWithTopicRetry(pn, { topic: `smoke-a0-${RUN}`, acks: -1, messages: msgs.slice(0, 3) });
    log(`  (a0) stock kafkajs NON-idempotent producer send acks=-1 OK (${Date.now() - t}ms, attempts=${attempts}, ${JSON.stringify(res.map((r) => [r.partition, r.baseOffset]))})`);
    await pn.disconnect();
    try {
      t = Date.now();
      await admin.createTopics({ topics: [{ topic: `smoke-c0-${RUN}`, numPartitions: 3 }], timeout: 3000 });
      log(`  (c0) stock kafkajs admin.createTopics OK`);
    } catch (e) {
      log(`  (c0) stock kafkajs admin.createTopics FAILS (${Date.now() - t}ms): ${e.name}: ${e.message}`);
    }
  }
  const patched = patchKafkajsForLibrdkafkaMock();
  log(`  applied patchKafkajsForLibrdkafkaMock() -> ${patched}`);
  const producer = kafka.producer(PRODUCER);
  t = Date.now();
  await producer.connect();
  log(`  (a) patched idempotent producer.connect ${Date.now() - t}ms`);
  t = Date.now();
  try {
    const { res, attempts } = await sendWithTopicRetry(producer, { topic: topicA, acks: -1, messages: msgs });
    check('(a) idempotent producer send acks=-1 to new topic', true,
      `${Date.now() - t}ms, attempts=${attempts}, result=${JSON.stringify(res.map((r) => [r.partition, r.baseOffset, r.errorCode]))}`);
  } catch (e) {
    check('(a) idempotent producer send acks=-1 to new topic', false, `${e.name}: ${e.message}`);
  }
  t = Date.now();
  await producer.send({ topic: topicA, acks: -1, messages: [{ key: 'k-last', value: '{"i":20}' }] });
  log(`  second send ${Date.now() - t}ms`);
  const md = await admin.fetchTopicMetadata({ topics: [topicA] });
  const parts = md.topics[0].partitions;
  log(`  auto-created topic partitions=${parts.length} replicas=${parts.map((p) => p.replicas.length).join(',')} leaders=${parts.map((p) => p.leader).join(',')}`);
  const offs = await admin.fetchTopicOffsets(topicA);
  log(`  topic offsets: ${offs.map((o) => `${o.partition}:${o.low}-${o.high}`).join(' ')}`);

  // ---------------------------------------------------------------- (b)+(d)
  const b = await consumeAll({ kafka, groupId: `g-fast-${RUN}`, topic: topicA, expected: 21, consumerCfg: FAST_CONSUMER, label: 'fast' });
  check('(b) consumer group reads topic from beginning (fast settings)', b.ok,
    `got ${b.got.length}/21, join ${b.joinMs}ms, all messages ${b.allMs}ms`);
  // (d) second member joins the same group -> rebalance time
  t = Date.now();
  const b2 = await consumeAll({ kafka, groupId: `g-fast-${RUN}`, topic: topicA, expected: 0, consumerCfg: FAST_CONSUMER, label: 'fast-2nd-member' });
  await waitFor(() => b2.joinMs != null, 30000);
  log(`  (d) 2nd member join (rebalance) took ${b2.joinMs}ms`);
  t = Date.now();
  await b2.consumer.disconnect();
  const disc1 = Date.now() - t;
  t = Date.now();
  await b.consumer.disconnect();
  log(`  disconnect fast consumers: ${disc1}ms / ${Date.now() - t}ms (last member may wait for the rebalance triggered by the first leaving)`);

  const d = await consumeAll({ kafka, groupId: `g-default-${RUN}`, topic: topicA, expected: 21, consumerCfg: {}, label: 'default' });
  check('(d) consumer group with kafkajs default settings', d.ok, `join ${d.joinMs}ms, all messages ${d.allMs}ms`);
  if (SLOW) {
    // default sessionTimeout=30000 -> a rebalance on the mock waits ~sessionTimeout-1000ms
    const d2 = await consumeAll({ kafka, groupId: `g-default-${RUN}`, topic: topicA, expected: 0, consumerCfg: {}, label: 'default-2nd-member' });
    await waitFor(() => d2.joinMs != null, 60000);
    log(`  (d) 2nd member join (rebalance) with defaults took ${d2.joinMs}ms`);
    t = Date.now();
    await d2.consumer.disconnect();
    log(`  disconnect of default consumer ${Date.now() - t}ms`);
  } else {
    log('  (d) skipping 2nd-member rebalance with default settings (~29s); pass --slow to run it');
  }
  t = Date.now();
  await d.consumer.disconnect();
  log(`  disconnect of default consumer ${Date.now() - t}ms (default maxWaitTimeInMs=5000 can delay it)`);

  // ---------------------------------------------------------------- (c)
  try {
    t = Date.now();
    const created = await admin.createTopics({
      topics: [{ topic: `smoke-c-${RUN}`, numPartitions: 3, replicationFactor: 1 }],
      waitForLeaders: true,
      timeout: 3000,
    });
    check('(c) admin.createTopics', true, `succeeded (returned ${created}) in ${Date.now() - t}ms`);
  } catch (e) {
    log(`  (c) admin.createTopics FAILS after ${Date.now() - t}ms: ${e.name}: ${e.message} type=${e.type} retriable=${e.retriable}` +
      (e.originalError ? ` original=${e.originalError.name}: ${e.originalError.message}` : ''));
  }
  try {
    t = Date.now();
    const topics = await admin.listTopics();
    log(`  admin.listTopics ok (${Date.now() - t}ms): ${topics.length} topics`);
  } catch (e) {
    log(`  admin.listTopics fails: ${e.message}`);
  }
  // auto-create via metadata (alternative to createTopics)
  try {
    const tt = `smoke-c2-${RUN}`;
    t = Date.now();
    const m = await admin.fetchTopicMetadata({ topics: [tt] });
    log(`  admin.fetchTopicMetadata on unknown topic auto-creates it: partitions=${m.topics[0].partitions.length} (${Date.now() - t}ms)`);
  } catch (e) {
    log(`  admin.fetchTopicMetadata on unknown topic fails: ${e.name}: ${e.message}`);
  }
  try {
    t = Date.now();
    await admin.deleteTopics({ topics: [topicA], timeout: 2000 });
    log(`  admin.deleteTopics ok (${Date.now() - t}ms)`);
  } catch (e) {
    log(`  admin.deleteTopics fails (${Date.now() - t}ms): ${e.name}: ${e.message}`);
  }

  // ---------------------------------------------------------------- (e)
  const topicE = `smoke-e-${RUN}`;
  const topicErr = `smoke-err-${RUN}`;
  // make sure topics exist before the server subscribes (subscribe on unknown topic may fail)
  await admin.fetchTopicMetadata({ topics: [topicE, topicErr] });
  const received = [];
  const errCalls = [];
  const server = new ServerKafka({
    client: { brokers: BROKERS, clientId: `srv-${RUN}`, logLevel: logLevel.WARN, ...FAST_CLIENT },
    consumer: { groupId: `srv-${RUN}`, ...FAST_CONSUMER, retry: { initialRetryTime: 100, retries: 2, maxRetryTime: 500 } },
    subscribe: { fromBeginning: true },
  });
  server.addHandler(topicE, async (data, ctx) => {
    const m = ctx.getMessage();
    received.push({
      data,
      topic: ctx.getTopic(),
      partition: ctx.getPartition(),
      offset: m.offset,
      key: m.key,
      headers: m.headers,
      timestamp: m.timestamp,
      msgKeys: Object.keys(m),
      hasConsumer: !!ctx.getConsumer(),
      hasProducer: !!ctx.getProducer(),
      hasHeartbeat: typeof ctx.getHeartbeat() === 'function',
    });
  }, true);
  server.addHandler(topicErr, async (data, ctx) => {
    errCalls.push({ at: Date.now(), offset: ctx.getMessage().offset, data });
    if (errCalls.length === 1) throw new Error('boom from handler');
  }, true);
  t = Date.now();
  await new Promise((resolve, reject) => server.listen((err) => (err ? reject(err) : resolve())));
  log(`  (e) ServerKafka.listen callback after ${Date.now() - t}ms (ServerKafka.listen awaits consumer.run, which awaits the group join)`);

  const p2 = kafka.producer(PRODUCER);
  await p2.connect();
  t = Date.now();
  await p2.send({
    topic: topicE,
    acks: -1,
    messages: [
      { key: 'key-json', value: JSON.stringify({ hello: 'world', n: 1 }), headers: { 'x-trace': 'abc', 'x-bin': Buffer.from([0, 1]) } },
      { key: 'key-text', value: 'plain text, not json' },
      { key: 'key-badjson', value: '{not json' },
      { key: 'key-num', value: '42' },
      { key: null, value: null },
      { key: 'key-arr', value: '[1,2,3]' },
    ],
  });
  const okE = await waitFor(() => received.length >= 6, 30000);
  check('(e) ServerKafka event handler receives messages', okE, `${received.length}/6 in ${Date.now() - t}ms after send`);
  for (const r of received.sort((x, y) => String(x.key).localeCompare(String(y.key)))) {
    const shown = Buffer.isBuffer(r.data) ? `Buffer(${r.data.length})` : JSON.stringify(r.data);
    log(`  (e) key=${JSON.stringify(r.key)} data(${Buffer.isBuffer(r.data) ? 'buffer' : r.data === null ? 'null' : typeof r.data})=${shown} topic=${r.topic === topicE} partition=${r.partition} offset=${JSON.stringify(r.offset)} headers=${JSON.stringify(r.headers)}`);
  }
  if (received[0]) {
    log(`  (e) ctx.getMessage() keys: ${received[0].msgKeys.join(',')}; consumer=${received[0].hasConsumer} producer=${received[0].hasProducer} heartbeat=${received[0].hasHeartbeat}`);
  }

  // exception in event handler
  t = Date.now();
  await p2.send({ topic: topicErr, acks: -1, messages: [{ key: 'same', value: '{"n":1}' }, { key: 'same', value: '{"n":2}' }] });
  await waitFor(() => errCalls.length >= 3, 20000);
  log(`  (e) throwing handler: calls=${errCalls.map((c) => `off${c.offset}:+${c.at - t}ms`).join(' ')} (first call throws)`);
  const errLogs = nestLogs.filter((l) => JSON.stringify(l).includes('boom') || /eachMessage|crash|restart/i.test(JSON.stringify(l)));
  log(`  (e) logs about the error: ${errLogs.length} -> ${errLogs.slice(0, 3).map((l) => JSON.stringify(l).slice(0, 300)).join(' | ')}`);
  check('(e) message whose handler threw is redelivered', errCalls.filter((c) => c.data && c.data.n === 1).length >= 2,
    `n=1 delivered ${errCalls.filter((c) => c.data && c.data.n === 1).length}x, n=2 delivered ${errCalls.filter((c) => c.data && c.data.n === 2).length}x`);
  await sleep(300);
  const committed = await admin.fetchOffsets({ groupId: `srv-${RUN}-server`, topics: [topicE, topicErr] });
  log(`  (e) committed offsets of group srv-${RUN}-server: ${JSON.stringify(committed.map((c) => [c.topic === topicE ? 'E' : 'ERR', c.partitions.filter((p) => p.offset !== '-1')]))}`);

  // ---------------------------------------------------------------- (f)
  const topicF = `smoke-f-${RUN}`;
  const fReceived = [];
  server.addHandler(topicF, async (data, ctx) => { fReceived.push({ data, key: ctx.getMessage().key, headers: ctx.getMessage().headers }); }, true);
  // ServerKafka subscribes only at listen(); use a plain consumer for (f)
  const fc = await consumeAll({ kafka, groupId: `g-f-${RUN}`, topic: topicF, expected: 0, consumerCfg: FAST_CONSUMER, label: 'f-consumer' });
  await waitFor(() => fc.joinMs != null, 20000);

  for (const producerOnlyMode of [true, false]) {
    const client = new ClientKafka({
      client: { brokers: BROKERS, clientId: `cli-${RUN}`, logLevel: logLevel.WARN, ...FAST_CLIENT },
      consumer: { groupId: `cli-${RUN}-${producerOnlyMode}`, ...FAST_CONSUMER },
      producer: { idempotent: true, maxInFlightRequests: 1 },
      send: { acks: -1 },
      producerOnlyMode,
    });
    t = Date.now();
    await client.connect();
    const connectMs = Date.now() - t;
    t = Date.now();
    try {
      const res = await lastValueFrom(client.emit(topicF, { key: 'ck', value: JSON.stringify({ via: 'emit', producerOnlyMode }), headers: { 'x-h': 'hv' } }));
      check(`(f) ClientKafka(producerOnlyMode=${producerOnlyMode}) connect+emit`, true,
        `connect ${connectMs}ms, emit ${Date.now() - t}ms, emit resolves to ${JSON.stringify(res)}`);
    } catch (e) {
      check(`(f) ClientKafka(producerOnlyMode=${producerOnlyMode}) connect+emit`, false, `${e.name}: ${e.message}`);
    }
    if (producerOnlyMode) {
      t = Date.now();
      const resB = await lastValueFrom(client.emitBatch(topicF, { messages: [{ key: 'b1', value: '{"via":"emitBatch"}' }, { key: 'b2', value: '{"via":"emitBatch"}' }] }));
      log(`  (f) client.emitBatch(topic, {messages}) ok in ${Date.now() - t}ms -> ${JSON.stringify(resB)}`);
      const kp = client.producer; // kafkajs Producer (getter, after connect)
      t = Date.now();
      await kp.sendBatch({ acks: -1, topicMessages: [{ topic: topicF, messages: [{ key: 'r1', value: '{"via":"producer.sendBatch"}' }] }] });
      log(`  (f) client.producer is the kafkajs producer: sendBatch ok in ${Date.now() - t}ms; unwrap() returns ${client.unwrap().constructor.name} with ${Object.keys(client.unwrap()).join(',')}`);
    }
    await client.close();
  }
  const okF = await waitFor(() => fc.got.length >= 5, 20000);
  check('(f) messages emitted via ClientKafka arrive', okF, `${fc.got.length}/5: ${fc.got.map((g) => `${g.key}=${g.value}`).join(' ; ')}`);
  await fc.consumer.disconnect();

  t = Date.now();
  await server.close();
  log(`  ServerKafka.close ${Date.now() - t}ms`);
  await p2.disconnect();
  await producer.disconnect();
  await admin.disconnect();
  const otherLogs = nestLogs.filter((l) => !JSON.stringify(l).includes('boom'));
  if (otherLogs.length) log(`  other nest warn/error logs (${otherLogs.length}): ${otherLogs.slice(0, 5).map((l) => JSON.stringify(l).slice(0, 250)).join(' | ')}`);
}

module.exports = { patchKafkajsForLibrdkafkaMock };

if (require.main === module) main()
  .then(() => {
    log(failures.length ? `FAILED: ${failures.join('; ')}` : 'ALL CHECKS PASSED');
    process.exit(failures.length ? 1 : 0);
  })
  .catch((e) => {
    log(`FATAL ${e && e.stack}`);
    process.exit(1);
  });
