import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job } from 'bullmq';
import { Queues } from '@kp/kernel';
import { GenerateReportJob, REPORT_JOB_ATTEMPTS, ReportsHandler } from '../application/reports.handler';

/**
 * Computes the reports the secretariat asked for. A failed attempt is thrown, so BullMQ
 * retries it with backoff; after the last one the report is marked FAILED with the reason.
 */
@Processor(Queues.monitoringReports)
export class ReportsProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReportsProcessor.name);

  constructor(private readonly reports: ReportsHandler) {
    super();
  }

  /** A crash between a request's commit and its enqueue leaves a PENDING report: queue those again. */
  async onApplicationBootstrap(): Promise<void> {
    for (const id of await this.reports.pending()) await this.reports.enqueue(id);
  }

  async process(job: Job<GenerateReportJob>): Promise<string> {
    try {
      return await this.reports.generate(job.data.reportId);
    } catch (error) {
      const message = (error as Error).message;
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? REPORT_JOB_ATTEMPTS)) {
        this.logger.warn(`report ${job.data.reportId} failed for good: ${message}`);
        await this.reports.fail(job.data.reportId, message);
        return 'failed';
      }
      throw error;
    }
  }
}
