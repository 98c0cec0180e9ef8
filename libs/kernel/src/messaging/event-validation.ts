import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { EventDefinition, EventEnvelope, EventEnvelopeDto, findEventDefinition } from '@kp/contracts';

export class EventValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
  }
}

function flatten(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((e) => {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((m) => `${path}: ${m}`);
    return [...own, ...flatten(e.children ?? [], path)];
  });
}

/** Turns a plain payload into its class and checks every rule; throws with every problem listed. */
export function validatePayload<P extends object>(definition: EventDefinition<P>, plain: unknown): P {
  if (typeof plain !== 'object' || plain === null) throw new EventValidationError(['payload: must be an object']);
  const instance = plainToInstance(definition.payload, plain) as P;
  const problems = flatten(validateSync(instance as object, { forbidUnknownValues: true }));
  if (problems.length) throw new EventValidationError(problems);
  return instance;
}

export interface ReadEvent {
  envelope: EventEnvelope<object>;
  definition: EventDefinition | undefined;
}

/**
 * Reads a message value as an envelope, tolerantly: unknown members are ignored, but
 * the envelope's own rules must hold. The payload is validated later, by the consumer
 * that handles the type.
 */
export function readEnvelope(value: string): ReadEvent {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new EventValidationError(['the message is not JSON']);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new EventValidationError(['the message is not a JSON object']);
  }
  const envelope = plainToInstance(EventEnvelopeDto, parsed);
  const problems = flatten(validateSync(envelope));
  if (problems.length) throw new EventValidationError(problems.map((p) => `envelope ${p}`));
  return {
    envelope: envelope as EventEnvelope<object>,
    definition: findEventDefinition(envelope.type, envelope.version),
  };
}
