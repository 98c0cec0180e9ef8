import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { ShipmentConfirmationOverdue } from '@kp/contracts';
import { KpConfig, OutboxWriter, Queues } from '@kp/kernel';
import { SHIPMENTS } from '../shipments.constants';

/** Shipments that arrived and wait too long for their import confirmation are reported (to monitoring), once. */
@Processor(Queues.shipmentOverdue)
export class ConfirmationOverdueProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    @InjectQueue(Queues.shipmentOverdue) private readonly queue: Queue,
    @InjectDataSource(SHIPMENTS) private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly config: KpConfig,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler('sweep', { every: this.config.KP_OVERDUE_SWEEP_MS }, { name: 'sweep' });
  }

  async process(_job: Job): Promise<{ reported: number }> {
    const now = new Date();
    const since = new Date(now.getTime() - this.config.KP_CONFIRMATION_GRACE_MS);
    return this.dataSource.transaction(async (tx) => {
      const due: { id: string; certificate_number: string; importing_participant: string; arrived_at: Date }[] = await tx.query(
        `SELECT id, certificate_number, importing_participant, arrived_at FROM "${SHIPMENTS}".shipment
          WHERE live AND arrived_at IS NOT NULL AND arrived_at < $1 AND overdue_reported_at IS NULL
          ORDER BY arrived_at LIMIT 500 FOR UPDATE SKIP LOCKED`,
        [since],
      );
      for (const s of due) {
        await tx.query(`UPDATE "${SHIPMENTS}".shipment SET overdue_reported_at = $2 WHERE id = $1`, [s.id, now]);
        await this.outbox.append(tx, ShipmentConfirmationOverdue, s.certificate_number, {
          shipmentId: s.id,
          certificateNumber: s.certificate_number,
          importingParticipant: s.importing_participant,
          arrivedAt: new Date(s.arrived_at).toISOString(),
          overdueSince: new Date(new Date(s.arrived_at).getTime() + this.config.KP_CONFIRMATION_GRACE_MS).toISOString(),
        });
      }
      return { reported: due.length };
    });
  }
}
