import { BusMessage, EventBus, MessageDelivery, ReplaySource } from './event-bus';

/**
 * Standalone mode's bus: the relay's publish hands each message to every consumer of
 * its topic, in order, before it resolves. Messages are passed as the same JSON text
 * Kafka would carry, so consumers read and validate exactly what they would over the wire.
 */
export class InProcessEventBus extends EventBus {
  private readonly consumers = new Map<string, { topics: Set<string>; deliver: MessageDelivery }>();
  private started = false;
  private readonly sources: ReplaySource[] = [];

  async publish(messages: BusMessage[]): Promise<void> {
    for (const message of messages) {
      for (const { topics, deliver } of this.consumers.values()) {
        if (topics.has(message.topic)) await deliver(message);
      }
    }
  }

  async subscribe(consumer: string, topics: readonly string[], deliver: MessageDelivery): Promise<void> {
    this.consumers.set(consumer, { topics: new Set(topics), deliver });
  }

  /** The topics its consumers subscribed to: the relay reads back no other (verification.performed, say). */
  override heardTopics(): string[] {
    return [...new Set([...this.consumers.values()].flatMap(({ topics }) => [...topics]))];
  }

  async start(): Promise<void> {
    this.started = true;
  }

  async stop(): Promise<void> {
    this.started = false;
  }

  isReady(): boolean {
    return this.started;
  }

  wireTopic(topic: string): string {
    return topic;
  }

  override registerReplaySource(source: ReplaySource): void {
    this.sources.push(source);
  }

  /** Standalone keeps no log but the outboxes: each service's relay reads its own back. */
  async replay(consumer: string): Promise<void> {
    const target = this.consumers.get(consumer);
    if (!target) throw new Error(`no consumer ${consumer}`);
    for (const source of this.sources) await source([...target.topics], target.deliver);
  }
}
