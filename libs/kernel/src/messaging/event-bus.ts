/** A message as it crosses the bus: the topic, the key that orders it, the envelope as JSON. */
export interface BusMessage {
  topic: string;
  key: string;
  value: string;
}

/** What a consumer hands the bus: it is called once per message, in order per key, and must not throw. */
export type MessageDelivery = (message: BusMessage) => Promise<void>;

/**
 * The event backbone as the services see it. Two adapters: Kafka (distributed) and
 * in-process (standalone). Handlers, the outbox and the inbox are the same over both.
 */
export abstract class EventBus {
  /** Publishes in order and resolves once every message is durably accepted. */
  abstract publish(messages: BusMessage[]): Promise<void>;

  /** Registers a consumer (one consumer group per service) for the given topics. */
  abstract subscribe(consumer: string, topics: readonly string[], deliver: MessageDelivery): Promise<void>;

  /** Starts delivering to the registered consumers. */
  abstract start(): Promise<void>;

  abstract stop(): Promise<void>;

  /** True once the bus can publish and every consumer is receiving. */
  abstract isReady(): boolean;

  /** The topic's real name on the wire (a namespace may prefix it). */
  abstract wireTopic(topic: string): string;

  /**
   * Delivers every message ever published on the consumer's topics to it again, from
   * the beginning, so that it can rebuild what it derives from them. Resolves when the
   * replay has been handed over (in-process: delivered; Kafka: the consumer rewound).
   */
  abstract replay(consumer: string): Promise<void>;

  /**
   * The topics a consumer of this bus listens to, or null when the bus cannot know (Kafka:
   * anyone may read a topic). The outbox relay reads no envelope of a topic nobody hears.
   */
  heardTopics(): readonly string[] | null {
    return null;
  }

  /** In-process only: where published messages can be read again (each service's outbox). */
  registerReplaySource(_source: ReplaySource): void {
    /* the Kafka bus replays from the topics themselves */
  }
}

/** Reads back, in publishing order, the published messages of the given topics. */
export type ReplaySource = (topics: readonly string[], deliver: MessageDelivery) => Promise<number>;
