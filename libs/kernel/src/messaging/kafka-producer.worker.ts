/**
 * The Kafka producer's thread (see KafkaProducerThread): connects one idempotent kafkajs
 * producer and sends what the main thread hands it, answering each send once the brokers
 * acknowledged it or kafkajs gave up. Its kafkajs encodes produce requests with the fast
 * encoder (kafkajs-produce-encoding). Logs go to the main thread's logger.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Kafka, logLevel } from 'kafkajs';
import type { FromProducerThread, ProducerThreadOptions, ToProducerThread } from './kafka-producer-thread';
import { stopIdleRequestQueueTimers } from './kafkajs-idle-timers';
import { useFastProduceEncoding } from './kafkajs-produce-encoding';
import { Murmur2Partitioner } from './murmur2-partitioner';

const port = parentPort;
if (!port) throw new Error('kafka-producer.worker runs as a worker thread of KafkaProducerThread');
const post = (message: FromProducerThread) => port.postMessage(message);
const failure = (error: unknown) => ({ name: (error as Error)?.name ?? 'Error', message: (error as Error)?.message ?? String(error) });

const options = workerData as ProducerThreadOptions;
stopIdleRequestQueueTimers(); // this thread loads its own kafkajs
const kafka = new Kafka({
  clientId: options.clientId,
  brokers: options.brokers,
  retry: options.retry,
  logLevel: logLevel.WARN,
  // Written by the main thread's logger; the JSON round trip keeps the entry cloneable.
  logCreator: () => (entry) => post({ type: 'log', entry: { ...entry, log: JSON.parse(JSON.stringify(entry.log)) } }),
});
// Idempotent, acks from all in-sync replicas, one request in flight: a key's order holds
// across retries. kafkajs's default partitioner (murmur2, as the Java client's), computed
// in 32-bit arithmetic: a key lands where other clients expect it.
const producer = kafka.producer({
  idempotent: true,
  maxInFlightRequests: 1,
  allowAutoTopicCreation: true,
  createPartitioner: Murmur2Partitioner,
});

port.on('message', (message: ToProducerThread) => {
  if (message.type === 'send') {
    producer.sendBatch({ acks: -1, topicMessages: message.topicMessages }).then(
      () => post({ type: 'sent', id: message.id }),
      (error) => post({ type: 'failed', id: message.id, error: failure(error) }),
    );
  } else if (message.type === 'close') {
    void producer
      .disconnect()
      .catch(() => undefined)
      .finally(() => port.close());
  }
});

useFastProduceEncoding((message) => kafka.logger().namespace('ProduceEncoding').warn(message))
  .then(() => producer.connect())
  .then(
    () => post({ type: 'ready' }),
    (error) => {
      post({ type: 'unready', error: failure(error) });
      port.close();
    },
  );
