/** A payload class constructor; its class-validator decorators are the event's rules. */
export type PayloadClass<P extends object = object> = new () => P;

/**
 * Everything the bus needs to know about one version of one event type:
 * its wire name, its version, the topic it travels on and the class that validates it.
 */
export interface EventDefinition<P extends object = object> {
  readonly type: string;
  readonly version: number;
  readonly topic: string;
  readonly payload: PayloadClass<P>;
}

export function defineEvent<P extends object>(
  type: string,
  version: number,
  topic: string,
  payload: PayloadClass<P>,
): EventDefinition<P> {
  return Object.freeze({ type, version, topic, payload });
}

/** The key an event definition is registered under: one entry per type and version. */
export function eventKey(type: string, version: number): string {
  return `${type}@v${version}`;
}
