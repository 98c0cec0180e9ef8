import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { EventDefinition, EventEnvelope } from '@kp/contracts';
import { validatePayload } from './event-validation';

export interface AppendOptions {
  correlationId?: string;
  occurredAt?: Date;
}

/**
 * Appends events to the service's outbox inside the caller's transaction, so the state
 * change and its events commit together or not at all. Payloads are validated here,
 * so nothing leaves a service that its contract does not allow.
 */
export class OutboxWriter {
  constructor(private readonly service: string) {}

  async append<P extends object>(
    tx: EntityManager,
    definition: EventDefinition<P>,
    aggregateId: string,
    payload: P,
    options: AppendOptions = {},
  ): Promise<EventEnvelope<P>> {
    validatePayload(definition, JSON.parse(JSON.stringify(payload)));
    const envelope = this.envelope(definition, aggregateId, payload, options.occurredAt, options.correlationId);
    await tx.query(
      `INSERT INTO "${this.service}".outbox (event_id, topic, message_key, envelope) VALUES ($1, $2, $3, $4)`,
      [envelope.id, definition.topic, aggregateId, JSON.stringify(envelope)],
    );
    return envelope;
  }

  /**
   * Many events of one type as ONE outbox row, for a hot path that writes thousands a
   * second (the verifications): its envelope column holds their envelopes, one a line,
   * and the relay publishes each as a message of its own, keyed by its
   * aggregate, in the array's order; consumers see no difference. One row instead of a
   * thousand spares the database most of the work (a row, its indexes, its update when
   * published). Returns the INSERT, for the caller to run in its own statement (a
   * data-modifying WITH, say, so its change and the events are one atomic statement),
   * with parameters from `param` on. `validate: 'first'` checks the first payload only,
   * for payloads that all come from one typed expression: the compiler holds the rest to
   * the same shape, and class-validator would cost more than everything else they cost.
   */
  prepareBatch<P extends object>(
    definition: EventDefinition<P>,
    items: { aggregateId: string; payload: P; occurredAt?: Date | string }[],
    { param = 1, validate = 'each' }: { param?: number; validate?: 'each' | 'first' } = {},
  ): { sql: string; params: [string, string, string, string] } {
    for (const { payload } of validate === 'each' ? items : items.slice(0, 1)) {
      validatePayload(definition, JSON.parse(JSON.stringify(payload)));
    }
    // Each envelope written as JSON.stringify would write this.envelope(...) (same keys, same
    // order, no correlation id), without building it first: a hot path writes thousands a second.
    const type = JSON.stringify(definition.type);
    const producer = JSON.stringify(this.service);
    const lines = items.map(({ aggregateId, payload, occurredAt = new Date() }) => {
      const key = JSON.stringify(aggregateId);
      const at = JSON.stringify(typeof occurredAt === 'string' ? occurredAt : occurredAt.toISOString());
      return `${key}\t{"id":"${randomUUID()}","type":${type},"version":${definition.version},"occurredAt":${at},"producer":${producer},"aggregateId":${key},"payload":${JSON.stringify(payload)}}`;
    });
    return {
      sql: `INSERT INTO "${this.service}".outbox (event_id, topic, message_key, envelope)
            VALUES ($${param}::uuid, $${param + 1}, $${param + 2}, $${param + 3})`,
      // the row's own id and key: a batch's, not an event's
      // One line per event: its key (a JSON string, so it holds no raw tab or newline), a tab, its
      // envelope (JSON.stringify writes no raw newline): the relay splits it without parsing it.
      params: [randomUUID(), definition.topic, `${BATCH_KEY}${lines.length}`, lines.join('\n')],
    };
  }

  private envelope<P extends object>(
    definition: EventDefinition<P>,
    aggregateId: string,
    payload: P,
    occurredAt: Date | string = new Date(),
    correlationId?: string,
  ): EventEnvelope<P> {
    return {
      id: randomUUID(),
      type: definition.type,
      version: definition.version,
      occurredAt: typeof occurredAt === 'string' ? occurredAt : occurredAt.toISOString(),
      producer: this.service,
      aggregateId,
      correlationId,
      payload,
    };
  }
}

/** The message_key of an outbox row holding a batch of events: `batch:<count>`. */
export const BATCH_KEY = 'batch:';

/** The messages an outbox row stands for: itself, or each line of a batch row (see prepareBatch). */
export function outboxMessages(row: { topic: string; message_key: string; envelope: string }): { topic: string; key: string; value: string }[] {
  if (!row.message_key.startsWith(BATCH_KEY)) return [{ topic: row.topic, key: row.message_key, value: row.envelope }];
  return row.envelope.split('\n').map((line) => {
    const tab = line.indexOf('\t');
    return { topic: row.topic, key: JSON.parse(line.slice(0, tab)) as string, value: line.slice(tab + 1) };
  });
}
