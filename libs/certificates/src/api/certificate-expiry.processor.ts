import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { KpConfig, Queues } from '@kp/kernel';
import { ExpireCertificatesHandler } from '../application/expire-certificates.handler';

/** Runs the expiry sweep on a BullMQ job scheduler: one job every KP_EXPIRY_SWEEP_MS, whoever's worker takes it. */
@Processor(Queues.certificateExpiry)
export class CertificateExpiryProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(CertificateExpiryProcessor.name);

  constructor(
    @InjectQueue(Queues.certificateExpiry) private readonly queue: Queue,
    private readonly expire: ExpireCertificatesHandler,
    private readonly config: KpConfig,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler('sweep', { every: this.config.KP_EXPIRY_SWEEP_MS }, { name: 'sweep' });
  }

  async process(_job: Job): Promise<{ announced: number }> {
    const announced = await this.expire.execute();
    if (announced) this.logger.log(`announced ${announced} expired certificates`);
    return { announced };
  }
}
