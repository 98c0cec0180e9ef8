import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource, QueryRunner } from 'typeorm';
import { EventBus } from './event-bus';
import { outboxMessages } from './outbox-writer';

const BATCH = 500;

/**
 * Publishes a service's outbox to the bus, oldest first. Only one relay per service
 * publishes at a time (a transaction-scoped advisory lock), so with several instances
 * one aggregate's events still leave in the order they were written. A row is marked
 * published only after the bus accepted it: a crash in between publishes it again,
 * and the consumers' inboxes make that harmless.
 */
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger: Logger;
  private running = false;
  private again = false;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private runner?: QueryRunner;

  constructor(
    private readonly service: string,
    private readonly dataSource: DataSource,
    private readonly bus: EventBus,
    private readonly enabled: boolean,
    private readonly pollMs: number,
  ) {
    this.logger = new Logger(`OutboxRelay:${service}`);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.bus.registerReplaySource((topics, deliver) => this.replay(topics, deliver));
    if (!this.enabled) {
      this.logger.warn('outbox relay disabled (KP_OUTBOX_RELAY=false): events wait in the outbox');
      return;
    }
    // A commit in this process is the usual reason for new rows: look at once.
    // (The relay's own commits are not news.)
    this.dataSource.subscribers.push({
      afterTransactionCommit: (event) => {
        if (event.queryRunner !== this.runner) this.nudge();
      },
    });
    // What start-up wrote (reference data, say) leaves before the service takes requests.
    await this.drain();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    while (this.running) await new Promise((r) => setTimeout(r, 10));
  }

  /** Asks for a pass soon; cheap to call often. */
  nudge(): void {
    if (!this.enabled || this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    setImmediate(() => void this.drain());
  }

  /** Publishes everything waiting; resolves when the outbox was empty at some point. */
  async drain(): Promise<void> {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    let delay = this.pollMs;
    try {
      do {
        this.again = false;
        while ((await this.publishBatch()) === BATCH && !this.stopped);
      } while (this.again && !this.stopped);
    } catch (error) {
      delay = Math.max(this.pollMs, 1000);
      this.logger.error(`publishing the outbox failed, retrying in ${delay} ms: ${(error as Error).message}`);
    } finally {
      this.running = false;
      this.schedule(delay);
    }
  }

  /** Hands the published rows of these topics, oldest first, to one consumer again. */
  async replay(topics: readonly string[], deliver: (m: { topic: string; key: string; value: string }) => Promise<void>): Promise<number> {
    let after = '0';
    let count = 0;
    for (;;) {
      const rows: { position: string; topic: string; message_key: string; envelope: string }[] = await this.dataSource.query(
        `SELECT position, topic, message_key, envelope FROM "${this.service}".outbox
          WHERE published_at IS NOT NULL AND topic = ANY($1) AND position > $2 ORDER BY position LIMIT $3`,
        [topics, after, BATCH],
      );
      for (const r of rows) for (const m of outboxMessages(r)) await deliver(m);
      count += rows.length;
      if (rows.length < BATCH) return count;
      after = rows[rows.length - 1].position;
    }
  }

  private schedule(delay: number): void {
    if (this.stopped || !this.enabled) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.drain(), delay);
    this.timer.unref();
  }

  private async publishBatch(): Promise<number> {
    if (!this.dataSource.isInitialized) return 0;
    this.runner = this.dataSource.createQueryRunner();
    try {
      return await this.runner.manager.transaction(async (tx) => {
      const [{ locked }] = await tx.query(`SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked`, [
        `kp-outbox:${this.service}`,
      ]);
      if (!locked) return 0;
      const rows: { position: string; topic: string; message_key: string; envelope: string }[] = await tx.query(
        `SELECT position, topic, message_key, envelope FROM "${this.service}".outbox
          WHERE published_at IS NULL ORDER BY position LIMIT $1`,
        [BATCH],
      );
      if (!rows.length) return 0;
      // Batch rows stand for many messages: published a bounded number at a time.
      const messages = rows.flatMap(outboxMessages);
      for (let i = 0; i < messages.length; i += BATCH) await this.bus.publish(messages.slice(i, i + BATCH));
      await tx.query(`UPDATE "${this.service}".outbox SET published_at = now() WHERE position = ANY($1::bigint[])`, [
        rows.map((r) => r.position),
      ]);
      return rows.length;
      });
    } finally {
      await this.runner.release();
      this.runner = undefined;
    }
  }
}
