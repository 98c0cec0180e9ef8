import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { KafkaProducerThread } from '@kp/kernel';
import { kafkaBrokers } from './support/harness';

const brokers = kafkaBrokers();
const describeWithKafka = brokers ? describe : describe.skip;

// The thread runs the build's worker, as the services do (npm test builds before Jest runs).
const runtime = {
  workerFile: join(__dirname, '..', 'dist', 'libs', 'kernel', 'src', 'messaging', 'kafka-producer.worker.js'),
  // The librdkafka mock needs the test shim in every kafkajs that talks to it (see the shim).
  execArgv: process.env.KP_TEST_KAFKA_IS_MOCK ? ['--require', join(__dirname, 'support', 'kafkajs-librdkafka-mock.js')] : [],
};

/**
 * The bus's producer in its own thread (distributed mode), over the Kafka protocol: what
 * it is handed arrives whole, keyed and in order; a thread that dies fails what it held,
 * and the next send starts another.
 */
describeWithKafka('Kafka producer thread', () => {
  const topic = `kp-test.producer-thread.${process.pid}.${Date.now()}`;
  const kafka = new Kafka({ clientId: 'kp-test-reader', brokers: brokers!.split(','), logLevel: logLevel.NOTHING });
  let thread: KafkaProducerThread;

  beforeAll(() => {
    thread = new KafkaProducerThread({ clientId: 'kp-test-producer', brokers: brokers!.split(','), retry: { retries: 5, initialRetryTime: 100 } }, runtime);
  });

  afterAll(() => thread?.stop());

  /** Every message of the topic, read from the beginning until `count` have arrived. */
  async function readTopic(count: number): Promise<{ key: string; value: string; partition: number }[]> {
    const consumer = kafka.consumer({ groupId: `kp-test.reader.${Date.now()}`, maxWaitTimeInMs: 100 });
    await consumer.connect();
    const read: { key: string; value: string; partition: number }[] = [];
    try {
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`only ${read.length} of ${count} messages arrived`)), 30_000);
        consumer
          .run({
            eachMessage: async ({ partition, message }) => {
              read.push({ key: message.key!.toString(), value: message.value!.toString(), partition });
              if (read.length >= count) {
                clearTimeout(timer);
                resolve();
              }
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
    }
    return read;
  }

  it('delivers what it is handed, each message under its key and in the order handed, once acknowledged', async () => {
    await thread.start();
    expect(thread.isConnected()).toBe(true);
    const keys = ['BW-2026-000001', 'AE-2026-000002', 'ZA-2026-000003', 'IN-2026-000004', 'BE-2026-000005'];
    let seq = 0;
    for (let send = 0; send < 4; send++) {
      const messages = Array.from({ length: 75 }, () => {
        const n = seq++;
        return { key: keys[n % keys.length], value: JSON.stringify({ n, key: keys[n % keys.length] }) };
      });
      await thread.send([{ topic, messages }]);
    }
    const read = await readTopic(300);
    expect(read).toHaveLength(300);
    // Each message under its own key, whole...
    for (const m of read) expect(JSON.parse(m.value).key).toBe(m.key);
    expect(new Set(read.map((m) => JSON.parse(m.value).n)).size).toBe(300);
    // ...one key's messages on one partition, in the order they were handed over.
    for (const key of keys) {
      const mine = read.filter((m) => m.key === key);
      expect(new Set(mine.map((m) => m.partition)).size).toBe(1);
      const order = mine.map((m) => JSON.parse(m.value).n as number);
      expect(order).toEqual([...order].sort((a, b) => a - b));
      expect(order).toHaveLength(60);
    }
  });

  it('a thread that dies fails the sends it held, and another starts by itself', async () => {
    await thread.start();
    const held = thread.send([{ topic, messages: Array.from({ length: 2000 }, (_, i) => ({ key: 'BW-2026-000009', value: `lost ${i}` })) }]);
    await (thread as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    await expect(held).rejects.toThrow(/producer thread exited/);
    expect(thread.isConnected()).toBe(false);
    // Ready again by itself, with nothing to send (the bus's health follows it).
    const deadline = Date.now() + 15_000;
    while (!thread.isConnected() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(thread.isConnected()).toBe(true);

    await thread.send([{ topic, messages: [{ key: 'BW-2026-000010', value: 'after the restart' }] }]);
  });

  it('a broker it cannot reach: start fails with kafkajs\'s reason, and a send says so too', async () => {
    const nowhere = new KafkaProducerThread({ clientId: 'kp-test-nowhere', brokers: ['127.0.0.1:1'], retry: { retries: 1, initialRetryTime: 50 } }, runtime);
    try {
      await expect(nowhere.start()).rejects.toThrow(/ECONNREFUSED|Connection/);
      expect(nowhere.isConnected()).toBe(false);
      await expect(nowhere.send([{ topic, messages: [{ key: 'k', value: 'v' }] }])).rejects.toThrow(/ECONNREFUSED|Connection/);
    } finally {
      await nowhere.stop();
    }
  });
});
