import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { KpConfig, Queues } from '@kp/kernel';
import { DispatchShipmentHandler } from '../application/dispatch-shipment.handler';
import { NotificationDeliveryOrmEntity } from '../infrastructure/notification-delivery.orm-entity';
import { signWebhook } from '../infrastructure/webhook-signature';
import { SHIPMENTS } from '../shipments.constants';

const TIMEOUT_MS = 5000;

/**
 * Delivers notices to authorities' endpoints as signed webhooks. A failed attempt is
 * logged and thrown, so BullMQ retries it with exponential backoff; the last failure
 * marks the delivery FAILED. Nothing here touches the shipment.
 */
@Processor(Queues.shipmentNotifications)
export class AdvanceNoticeProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdvanceNoticeProcessor.name);

  constructor(
    @InjectDataSource(SHIPMENTS) private readonly dataSource: DataSource,
    private readonly config: KpConfig,
    private readonly dispatch: DispatchShipmentHandler,
  ) {
    super();
  }

  /** A crash between a dispatch's commit and its enqueue leaves a PENDING delivery: queue those again. */
  async onApplicationBootstrap(): Promise<void> {
    const pending = await this.dataSource.getRepository(NotificationDeliveryOrmEntity).find({ where: { status: 'PENDING' }, select: { id: true } });
    for (const { id } of pending) await this.dispatch.enqueue(id);
  }

  async process(job: Job<{ deliveryId: string }>): Promise<string> {
    const repo = this.dataSource.getRepository(NotificationDeliveryOrmEntity);
    const delivery = await repo.findOneBy({ id: job.data.deliveryId });
    if (!delivery || delivery.status !== 'PENDING' || !delivery.endpoint) return 'nothing to deliver';
    const body = JSON.stringify({ deliveryId: delivery.id, ...delivery.payload });
    const attempt = delivery.attempts + 1;
    let error: string | null = null;
    try {
      const response = await fetch(delivery.endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'kp-signature': signWebhook(this.config.webhookSecret(), body),
          'kp-delivery-id': delivery.id,
          'kp-event': 'advance-notice',
        },
        body,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (!response.ok) error = `HTTP ${response.status}`;
    } catch (e) {
      error = (e as Error).message;
    }
    if (!error) {
      await repo.update({ id: delivery.id }, { status: 'DELIVERED', attempts: attempt, lastError: null, deliveredAt: new Date() });
      return 'delivered';
    }
    const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    await repo.update({ id: delivery.id }, { status: last ? 'FAILED' : 'PENDING', attempts: attempt, lastError: error });
    if (last) {
      this.logger.warn(`advance notice ${delivery.id} to ${delivery.recipient} failed for good after ${attempt} attempts: ${error}`);
      return 'failed';
    }
    throw new Error(`attempt ${attempt} to ${delivery.endpoint} failed: ${error}`);
  }
}
