import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Logger } from '@nestjs/common';
import { KafkaLogger } from '@nestjs/microservices';
import type { LogEntry, RetryOptions, TopicMessages } from 'kafkajs';

export interface ProducerThreadOptions {
  clientId: string;
  brokers: string[];
  retry: RetryOptions;
}

export type ToProducerThread = { type: 'send'; id: number; topicMessages: TopicMessages[] } | { type: 'close' };

interface Failure {
  name: string;
  message: string;
}

export type FromProducerThread =
  | { type: 'ready' }
  | { type: 'unready'; error: Failure }
  | { type: 'sent'; id: number }
  | { type: 'failed'; id: number; error: Failure }
  | { type: 'log'; entry: LogEntry };

/** Where the thread runs from: the build's worker beside this file, unless told otherwise. */
export interface ProducerThreadRuntime {
  workerFile?: string;
  /** Node options for the thread (a test's preloaded shim, say). */
  execArgv?: string[];
}

const CLOSE_GRACE_MS = 10_000;
const RESTART_MS = 1000;
/**
 * kafkajs allocates a few kB of buffers a message; with V8's default young generation they
 * piled up between collections: the verification process, a million certificates held and
 * under load, peaked at 514-518 MB, against 448-468 MB with this small one, which collects
 * them every few milliseconds at no cost measured (53-55 µs an answer either way). What the
 * thread keeps (kafkajs, the batch in flight) is a few MB: the old generation's limit only
 * stops a runaway thread (it then fails its sends and is started afresh).
 */
const HEAP_LIMITS = { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 128 };

/**
 * The bus's Kafka producer, run in a worker thread of its own. kafkajs encodes every message
 * in JavaScript (the record, its partition's murmur2 hash, the batch's CRC, five copies of
 * the bytes): some 12 µs a message on the machines here. On the event loop that answers the
 * border, publishing each verification cost about a fifth of what the answer did; handing
 * the messages to this thread costs under half a microsecond each (a structured clone).
 *
 * `send` resolves once the brokers acknowledged the batch, as kafkajs's `sendBatch` does,
 * and rejects with kafkajs's error. A thread that dies fails what it had been handed (the
 * outbox relay sends it again) and is started afresh a second later.
 */
export class KafkaProducerThread {
  private readonly logger = new Logger('KafkaProducer');
  /** kafkajs's log entries from the thread, written as @nestjs/microservices writes its clients'. */
  private readonly kafkaLog = KafkaLogger(this.logger);
  private worker?: Worker;
  private ready?: Promise<void>;
  private connected = false;
  private stopped = false;
  private restart?: NodeJS.Timeout;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();

  private readonly workerFile: string;

  constructor(
    private readonly options: ProducerThreadOptions,
    private readonly runtime: ProducerThreadRuntime = {},
  ) {
    this.workerFile = runtime.workerFile ?? join(__dirname, 'kafka-producer.worker.js');
  }

  /** True while the thread's producer is connected. */
  isConnected(): boolean {
    return this.connected;
  }

  /** Starts the thread and connects its producer; resolves once it is connected. */
  start(): Promise<void> {
    this.stopped = false;
    this.ready ??= this.spawn().catch((error: Error) => {
      this.ready = undefined; // the next send tries again
      throw error;
    });
    return this.ready;
  }

  async send(topicMessages: TopicMessages[]): Promise<void> {
    await this.start();
    const worker = this.worker;
    if (!worker) throw new Error('the Kafka producer thread stopped');
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ type: 'send', id, topicMessages } satisfies ToProducerThread);
    });
  }

  /** Disconnects the producer and ends the thread (the bus is stopped last, once the relays are done). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restart);
    const worker = this.worker;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage({ type: 'close' } satisfies ToProducerThread);
    const timer = setTimeout(() => void worker.terminate(), CLOSE_GRACE_MS);
    await exited;
    clearTimeout(timer);
  }

  private spawn(): Promise<void> {
    if (!existsSync(this.workerFile)) {
      return Promise.reject(new Error(`${this.workerFile} is missing: the producer thread runs from the build (npm run build)`));
    }
    return new Promise<void>((resolve, reject) => {
      const worker = new Worker(this.workerFile, { workerData: this.options, execArgv: this.runtime.execArgv, resourceLimits: HEAP_LIMITS });
      this.worker = worker;
      worker.on('message', (message: FromProducerThread) => {
        switch (message.type) {
          case 'ready':
            this.connected = true;
            resolve();
            break;
          case 'unready':
            reject(asError(message.error));
            break;
          case 'sent':
            this.settle(message.id)?.resolve();
            break;
          case 'failed':
            this.settle(message.id)?.reject(asError(message.error));
            break;
          case 'log':
            this.kafkaLog(message.entry);
            break;
        }
      });
      worker.on('error', (error) => this.lost(worker, error, reject));
      worker.on('exit', (code) => this.lost(worker, new Error(`the Kafka producer thread exited (code ${code})`), reject));
    });
  }

  private settle(id: number) {
    const waiter = this.waiting.get(id);
    this.waiting.delete(id);
    return waiter;
  }

  /**
   * The thread is gone: what it held fails, and another starts a second later (or at the
   * next send), so the bus is ready again without waiting for something to publish.
   */
  private lost(worker: Worker, error: Error, rejectStart: (error: Error) => void): void {
    if (this.worker !== worker) return;
    if (!this.stopped) {
      this.logger.error(`${error.message}; ${this.waiting.size} sends fail, a new thread starts in ${RESTART_MS} ms`);
      clearTimeout(this.restart);
      this.restart = setTimeout(() => {
        if (!this.stopped && !this.worker) this.start().catch(() => undefined); // it logs why
      }, RESTART_MS);
      this.restart.unref();
    }
    this.worker = undefined;
    this.ready = undefined;
    this.connected = false;
    rejectStart(error);
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}

function asError({ name, message }: Failure): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}
