import { Logger, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { EventDefinition, EventEnvelope, eventKey, Topics } from '@kp/contracts';
import { BusMessage, EventBus } from './event-bus';
import { EventValidationError, readEnvelope, validatePayload } from './event-validation';

export type EventHandler<P> = (payload: P, envelope: EventEnvelope<P>, tx: EntityManager) => Promise<void>;

interface Registration {
  definition: EventDefinition;
  handle: EventHandler<object>;
}

const RETRY_DELAYS_MS = [100, 500, 2000];

/**
 * A service's consumer of other services' events. Each event is applied in one
 * transaction with its inbox row, so a redelivered event changes nothing. What cannot
 * be read, or still fails after a few tries, goes to the dead-letter topic (and the
 * service's dead_letter table) with the reason, and the consumer carries on.
 */
export abstract class EventConsumer implements OnModuleInit {
  protected readonly logger: Logger;
  private readonly registrations = new Map<string, Registration>();
  private readonly handledTypes = new Set<string>();

  protected constructor(
    /** The consumer's name: its consumer group, and its key in the inbox. */
    readonly consumer: string,
    protected readonly dataSource: DataSource,
    protected readonly bus: EventBus,
  ) {
    this.logger = new Logger(`EventConsumer:${consumer}`);
  }

  /** Subclasses call `on(...)` here for each event they handle. */
  protected abstract registerHandlers(): void;

  protected on<P extends object>(definition: EventDefinition<P>, handle: EventHandler<P>): void {
    this.registrations.set(eventKey(definition.type, definition.version), {
      definition,
      handle: handle as EventHandler<object>,
    });
    this.handledTypes.add(definition.type);
  }

  private get schema(): string {
    return (this.dataSource.options as { schema?: string }).schema ?? 'public';
  }

  topics(): string[] {
    return [...new Set([...this.registrations.values()].map((r) => r.definition.topic))];
  }

  async onModuleInit(): Promise<void> {
    this.registerHandlers();
    await this.bus.subscribe(this.consumer, this.topics(), (message) => this.deliver(message));
  }

  /** Applies one message; never throws. */
  async deliver(message: BusMessage): Promise<void> {
    let envelope: EventEnvelope<object>;
    let registration: Registration | undefined;
    let payload: object;
    try {
      const read = readEnvelope(message.value);
      envelope = read.envelope;
      registration = this.registrations.get(eventKey(envelope.type, envelope.version));
      if (!registration) {
        if (this.handledTypes.has(envelope.type)) {
          await this.deadLetter(message, `unsupported version ${envelope.version} of ${envelope.type}`);
        }
        return; // a type this consumer does not handle: not its business
      }
      payload = validatePayload(registration.definition, envelope.payload);
    } catch (error) {
      const reason = error instanceof EventValidationError ? `invalid event: ${error.message}` : String(error);
      await this.deadLetter(message, reason);
      return;
    }
    for (let attempt = 0; ; attempt++) {
      try {
        await this.dataSource.transaction(async (tx) => {
          const fresh = await tx.query(
            `INSERT INTO "${this.schema}".inbox (consumer, event_id, event_type)
             VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING event_id`,
            [this.consumer, envelope.id, envelope.type],
          );
          if (fresh.length === 0) return; // seen before: the effect is already there
          await registration.handle(payload, { ...envelope, payload }, tx);
        });
        return;
      } catch (error) {
        if (attempt >= RETRY_DELAYS_MS.length) {
          await this.deadLetter(message, `handler failed ${attempt + 1} times: ${(error as Error).message}`);
          return;
        }
        this.logger.warn(`${envelope.type} ${envelope.id} failed (${(error as Error).message}); retrying`);
        await new Promise((r) => setTimeout(r, RETRY_DELAYS_MS[attempt]));
      }
    }
  }

  private async deadLetter(message: BusMessage, reason: string): Promise<void> {
    this.logger.error(`dead-lettering a message from ${message.topic} (key ${message.key}): ${reason}`);
    const schema = this.schema;
    await this.dataSource
      .query(
        `INSERT INTO "${schema}".dead_letter (consumer, topic, message_key, value, reason) VALUES ($1, $2, $3, $4, $5)`,
        [this.consumer, message.topic, message.key, message.value, reason],
      )
      .catch((e) => this.logger.error(`could not record the dead letter: ${(e as Error).message}`));
    await this.bus
      .publish([
        {
          topic: Topics.deadLetter,
          key: message.key || this.consumer,
          value: JSON.stringify({ consumer: this.consumer, topic: message.topic, reason, value: message.value }),
        },
      ])
      .catch((e) => this.logger.error(`could not publish the dead letter: ${(e as Error).message}`));
  }
}
