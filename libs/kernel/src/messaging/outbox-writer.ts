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
    const envelope: EventEnvelope<P> = {
      id: randomUUID(),
      type: definition.type,
      version: definition.version,
      occurredAt: (options.occurredAt ?? new Date()).toISOString(),
      producer: this.service,
      aggregateId,
      correlationId: options.correlationId,
      payload,
    };
    await tx.query(
      `INSERT INTO "${this.service}".outbox (event_id, topic, message_key, envelope) VALUES ($1, $2, $3, $4)`,
      [envelope.id, definition.topic, aggregateId, JSON.stringify(envelope)],
    );
    return envelope;
  }

  /** Many events of one type in one statement (a batch of verifications, say), in the given order. */
  async appendMany<P extends object>(
    tx: EntityManager,
    definition: EventDefinition<P>,
    items: { aggregateId: string; payload: P; occurredAt?: Date }[],
  ): Promise<void> {
    if (!items.length) return;
    const rows = items.map(({ aggregateId, payload, occurredAt }) => {
      validatePayload(definition, JSON.parse(JSON.stringify(payload)));
      const envelope: EventEnvelope<P> = {
        id: randomUUID(),
        type: definition.type,
        version: definition.version,
        occurredAt: (occurredAt ?? new Date()).toISOString(),
        producer: this.service,
        aggregateId,
        payload,
      };
      return [envelope.id, definition.topic, aggregateId, JSON.stringify(envelope)];
    });
    // unnest keeps the rows in array order, so positions follow the batch.
    await tx.query(
      `INSERT INTO "${this.service}".outbox (event_id, topic, message_key, envelope)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[])`,
      [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2]), rows.map((r) => r[3])],
    );
  }
}
