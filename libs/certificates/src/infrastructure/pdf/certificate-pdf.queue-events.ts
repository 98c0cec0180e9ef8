import { QueueEventsHost, QueueEventsListener } from '@nestjs/bullmq';
import { Queues } from '@kp/kernel';

/**
 * The PDF queue's events (completed, failed), on Redis or on BullMQ's PostgreSQL backend
 * (LISTEN/NOTIFY): what a request waiting for its PDF listens to.
 */
@QueueEventsListener(Queues.certificatePdf)
export class CertificatePdfQueueEvents extends QueueEventsHost {}
