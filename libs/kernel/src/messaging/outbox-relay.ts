import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { EventBus } from './event-bus';
import { outboxMessages } from './outbox-writer';

const BATCH = 500;
/**
 * Bytes of envelopes read at a time, besides the 500 rows: a batch row holds a few hundred
 * events (the verifications), so 500 of them, waiting after an outage of the bus, would be
 * a quarter of a million messages in memory at once. The first row is always read.
 */
const BATCH_BYTES = 4 * 1024 * 1024;
/**
 * Messages handed to the bus at a time. kafkajs encodes a whole send in one synchronous go
 * (some 6 µs a message): 500 held the event loop, and the border's answers queued behind it,
 * for 3 ms; a hundred, for well under one.
 */
const PUBLISH_CHUNK = 100;

interface OutboxRow {
  position: string;
  topic: string;
  message_key: string;
  envelope: string | null;
}

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
        while ((await this.publishBatch()) && !this.stopped);
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
      const { rows, more } = await this.read(this.dataSource.manager, 'published_at IS NOT NULL AND topic = ANY($4) AND position > $5', [topics, after]);
      for (const r of rows) for (const m of outboxMessages(r as OutboxRow & { envelope: string })) await deliver(m);
      count += rows.length;
      if (!more) return count;
      after = rows[rows.length - 1].position;
    }
  }

  private schedule(delay: number): void {
    if (this.stopped || !this.enabled) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.drain(), delay);
    this.timer.unref();
  }

  /**
   * The oldest rows matching `where`, up to BATCH rows and about BATCH_BYTES of envelopes
   * (their sizes come from the TOAST pointers: the rows left out are not fetched). The
   * envelope of a row whose topic is not in `heard` (null: every topic) is not fetched
   * either: it comes back null.
   */
  private async read(
    db: EntityManager,
    where: string,
    params: unknown[] = [],
    heard: readonly string[] | null = null,
  ): Promise<{ rows: OutboxRow[]; more: boolean }> {
    const rows: (OutboxRow & { more: boolean })[] = await db.query(
      `SELECT position, topic, message_key, CASE WHEN heard THEN envelope END AS envelope, more
         FROM (SELECT *, count(*) OVER () = $1 OR bool_or(NOT fits) OVER () AS more
                 FROM (SELECT *, sum(size) OVER (ORDER BY position) - size < $2 AS fits
                         FROM (SELECT position, topic, message_key, envelope, heard,
                                      CASE WHEN heard THEN octet_length(envelope) ELSE 0 END AS size
                                 FROM (SELECT position, topic, message_key, envelope,
                                              ($3::text[] IS NULL OR topic = ANY($3::text[])) AS heard
                                         FROM "${this.service}".outbox
                                        WHERE ${where} ORDER BY position LIMIT $1) AS oldest) AS weighed) AS sized) AS judged
        WHERE fits ORDER BY position`,
      [BATCH, BATCH_BYTES, heard, ...params],
    );
    return { rows, more: rows.length > 0 && rows[0].more };
  }

  /** Publishes the oldest waiting rows; true when more may wait. */
  private async publishBatch(): Promise<boolean> {
    if (!this.dataSource.isInitialized) return false;
    this.runner = this.dataSource.createQueryRunner();
    try {
      return await this.runner.manager.transaction(async (tx) => {
      const [{ locked }] = await tx.query(`SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked`, [
        `kp-outbox:${this.service}`,
      ]);
      if (!locked) return false;
      const { rows, more } = await this.read(tx, 'published_at IS NULL', [], this.bus.heardTopics());
      if (!rows.length) return false;
      // Batch rows stand for many messages: published a bounded number at a time. Rows of a
      // topic nobody hears came without their envelope: they are only marked published.
      const messages = rows.flatMap((r) => (r.envelope === null ? [] : outboxMessages(r as OutboxRow & { envelope: string })));
      for (let i = 0; i < messages.length; i += PUBLISH_CHUNK) await this.bus.publish(messages.slice(i, i + PUBLISH_CHUNK));
      await tx.query(`UPDATE "${this.service}".outbox SET published_at = now() WHERE position = ANY($1::bigint[])`, [
        rows.map((r) => r.position),
      ]);
      return more;
      });
    } finally {
      await this.runner.release();
      this.runner = undefined;
    }
  }
}
