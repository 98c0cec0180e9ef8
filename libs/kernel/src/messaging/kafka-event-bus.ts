import { Logger } from '@nestjs/common';
import { KafkaContext, KafkaLogger, ServerKafka } from '@nestjs/microservices';
import { Kafka } from 'kafkajs';
import type { Consumer, Producer, TopicMessages } from 'kafkajs';
import { ALL_TOPICS } from '@kp/contracts';
import { KpConfig } from '../config/kp-config';
import { BusMessage, EventBus, MessageDelivery } from './event-bus';
import { KafkaProducerThread } from './kafka-producer-thread';
import { stopIdleRequestQueueTimers } from './kafkajs-idle-timers';

const RETRY = { retries: 8, initialRetryTime: 100 };

interface Subscription {
  consumer: string;
  topics: readonly string[];
  deliver: MessageDelivery;
  server?: ServerKafka;
  ready: boolean;
}

/**
 * Distributed mode's bus: consumers through @nestjs/microservices' kafkajs server, one
 * consumer group per service, reading from the beginning when the group is new, so a fresh
 * read model is rebuilt from the topics. Offsets are committed after the handler returned:
 * a crash redelivers, the inbox dedupes. One idempotent kafkajs producer, in a thread of
 * its own (KafkaProducerThread): encoding the verifications' events would otherwise cost
 * the border's answers a fifth of their time.
 */
export class KafkaEventBus extends EventBus {
  private readonly logger = new Logger(KafkaEventBus.name);
  private readonly brokers: string[];
  private readonly namespace: string;
  private readonly producer: KafkaProducerThread;
  private readonly subscriptions: Subscription[] = [];
  private started = false;
  private topicsEnsured?: Promise<void>;

  constructor(private readonly config: KpConfig) {
    super();
    stopIdleRequestQueueTimers();
    this.brokers = config.kafkaBrokers();
    if (!this.brokers.length) throw new Error('KAFKA_BROKERS is not set');
    this.namespace = config.KAFKA_NAMESPACE ? `${config.KAFKA_NAMESPACE}.` : '';
    this.producer = new KafkaProducerThread({ clientId: 'kp-producer', brokers: this.brokers, retry: RETRY });
  }

  wireTopic(topic: string): string {
    return `${this.namespace}${topic}`;
  }

  async publish(messages: BusMessage[]): Promise<void> {
    if (!messages.length) return;
    const byTopic = new Map<string, TopicMessages>();
    for (const m of messages) {
      const topic = this.wireTopic(m.topic);
      let batch = byTopic.get(topic);
      if (!batch) byTopic.set(topic, (batch = { topic, messages: [] }));
      batch.messages.push({ key: m.key, value: m.value });
    }
    await this.producer.send([...byTopic.values()]);
  }

  async subscribe(consumer: string, topics: readonly string[], deliver: MessageDelivery): Promise<void> {
    this.subscriptions.push({ consumer, topics, deliver, ready: false });
    if (this.started) await this.listen(this.subscriptions[this.subscriptions.length - 1]);
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await this.ensureTopics();
    await this.producer.start();
    await Promise.all(this.subscriptions.map((s) => this.listen(s)));
  }

  async stop(): Promise<void> {
    this.started = false;
    await Promise.all(this.subscriptions.map((s) => s.server?.close().catch(() => undefined)));
    await this.producer.stop().catch(() => undefined);
  }

  /**
   * Reads the consumer's topics again from the beginning with a one-off consumer group,
   * up to the end offsets seen when the replay starts, while the service's own consumer
   * is paused (so nothing newer lands on a half-rebuilt model); then resumes it. The
   * inbox absorbs what both deliver. Needs no offset reset, which some brokers refuse.
   */
  async replay(consumer: string): Promise<void> {
    const subscription = this.subscriptions.find((s) => s.consumer === consumer);
    if (!subscription?.server) throw new Error(`no consumer ${consumer}`);
    const [kafka, regular] = subscription.server.unwrap<[Kafka, Consumer, Producer]>();
    const byWire = new Map(subscription.topics.map((t) => [this.wireTopic(t), t]));
    const wireTopics = [...byWire.keys()];
    regular.pause(wireTopics.map((topic) => ({ topic })));
    try {
      const admin = kafka.admin();
      await admin.connect();
      const pending = new Map<string, bigint>();
      try {
        for (const topic of wireTopics) {
          for (const p of await admin.fetchTopicOffsets(topic)) {
            if (BigInt(p.high) > 0n) pending.set(`${topic}:${p.partition}`, BigInt(p.high));
          }
        }
      } finally {
        await admin.disconnect().catch(() => undefined);
      }
      if (!pending.size) return;
      const replayer = kafka.consumer({
        groupId: `${this.groupId(consumer)}.replay.${Date.now()}`,
        sessionTimeout: 10_000,
        rebalanceTimeout: 10_000,
        heartbeatInterval: 1_000,
        maxWaitTimeInMs: this.config.KAFKA_FETCH_MAX_WAIT_MS,
      });
      await replayer.connect();
      try {
        await replayer.subscribe({ topics: wireTopics, fromBeginning: true });
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error('replay did not reach the end offsets in 5 minutes')), 300_000);
          replayer
            .run({
              eachMessage: async ({ topic, partition, message }) => {
                const key = `${topic}:${partition}`;
                const high = pending.get(key);
                if (high === undefined) return;
                if (BigInt(message.offset) < high) {
                  await subscription.deliver({
                    topic: byWire.get(topic)!,
                    key: message.key?.toString() ?? '',
                    value: message.value?.toString() ?? '',
                  });
                }
                if (BigInt(message.offset) + 1n >= high) {
                  pending.delete(key);
                  if (!pending.size) {
                    clearTimeout(timer);
                    resolve();
                  }
                }
              },
            })
            .catch(reject);
        });
      } finally {
        await replayer.disconnect().catch(() => undefined);
      }
      this.logger.log(`replayed ${wireTopics.join(', ')} for ${consumer}`);
    } finally {
      regular.resume(wireTopics.map((topic) => ({ topic })));
    }
  }

  private groupId(consumer: string): string {
    return `${this.namespace}kp.${consumer}`;
  }

  isReady(): boolean {
    return this.started && this.producer.isConnected() && this.subscriptions.every((s) => s.ready);
  }

  /**
   * Creates the topics with the configured partitions and replication. A broker that
   * cannot (the librdkafka mock used in tests) is left to auto-create them on first use.
   */
  private ensureTopics(): Promise<void> {
    this.topicsEnsured ??= (async () => {
      const kafka = new Kafka({ clientId: 'kp-admin', brokers: this.brokers, retry: RETRY, logCreator: KafkaLogger.bind(null, this.logger) });
      const admin = kafka.admin();
      try {
        await admin.connect();
        const existing = new Set(await admin.listTopics());
        const wanted = ALL_TOPICS.map((t) => this.wireTopic(t)).filter((t) => !existing.has(t));
        if (!wanted.length) return;
        const replicationFactor = Math.min(this.config.KAFKA_REPLICATION_FACTOR, this.brokers.length);
        await withTimeout(
          admin.createTopics({
            waitForLeaders: true,
            topics: wanted.map((topic) => ({ topic, numPartitions: this.config.KAFKA_TOPIC_PARTITIONS, replicationFactor })),
          }),
          10_000,
        );
        this.logger.log(`created topics ${wanted.join(', ')}`);
      } catch (error) {
        this.logger.warn(`the broker did not create topics (${(error as Error).message}); relying on auto-creation`);
      } finally {
        await admin.disconnect().catch(() => undefined);
      }
    })();
    return this.topicsEnsured;
  }

  private async listen(subscription: Subscription): Promise<void> {
    const groupId = this.groupId(subscription.consumer);
    const server = new ServerKafka({
      client: { clientId: `kp-${subscription.consumer}`, brokers: this.brokers, retry: RETRY },
      consumer: { groupId, sessionTimeout: 10_000, rebalanceTimeout: 10_000, heartbeatInterval: 1_000, maxWaitTimeInMs: this.config.KAFKA_FETCH_MAX_WAIT_MS },
      subscribe: { fromBeginning: true },
      run: { autoCommit: true, autoCommitInterval: 500 },
      parser: { keepBinary: true },
      postfixId: '',
    });
    subscription.server = server;
    for (const topic of subscription.topics) {
      const wire = this.wireTopic(topic);
      server.addHandler(
        wire,
        async (_data: unknown, context: KafkaContext) => {
          const message = context.getMessage();
          await subscription.deliver({
            topic,
            key: message.key?.toString() ?? '',
            value: message.value?.toString() ?? '',
          });
        },
        true,
      );
    }
    await new Promise<void>((resolve, reject) =>
      server.listen((error?: unknown) => (error ? reject(error as Error) : resolve())),
    );
    const [, consumer] = server.unwrap<[Kafka, Consumer, Producer]>();
    // A fetch starts only once the group is joined and partitions are assigned.
    consumer.on(consumer.events.FETCH_START, () => (subscription.ready = true));
    consumer.on(consumer.events.GROUP_JOIN, () => (subscription.ready = true));
    consumer.on(consumer.events.CRASH, (event) => {
      subscription.ready = false;
      this.logger.error(`consumer ${groupId} crashed: ${event.payload.error.message}`);
    });
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e) => (clearTimeout(timer), reject(e)),
    );
  });
}
