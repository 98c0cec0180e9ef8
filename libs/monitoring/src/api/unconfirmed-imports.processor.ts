import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { Queues } from '@kp/kernel';
import { UnconfirmedImportsHandler } from '../application/unconfirmed-imports.handler';
import { MonitoringConfig } from '../monitoring.config';

/** Runs the unconfirmed-import sweep on a BullMQ job scheduler: one job every KP_UNCONFIRMED_SWEEP_MS, whoever's worker takes it. */
@Processor(Queues.monitoringUnconfirmed)
export class UnconfirmedImportsProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(Queues.monitoringUnconfirmed) private readonly queue: Queue,
    private readonly unconfirmed: UnconfirmedImportsHandler,
    private readonly config: MonitoringConfig,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler('sweep', { every: this.config.unconfirmedSweepMs }, { name: 'sweep' });
  }

  async process(_job: Job): Promise<{ flagged: number }> {
    return { flagged: await this.unconfirmed.sweep() };
  }
}
