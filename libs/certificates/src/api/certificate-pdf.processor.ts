import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { Queues } from '@kp/kernel';
import { CertificateDocumentsHandler, RenderPdfJob } from '../application/certificate-documents.handler';

/**
 * Renders a certificate's PDF and keeps it. Job id `pdf-<number>`, so concurrent requests
 * for one certificate share one job; a certificate rendered already is left as it is.
 */
@Processor(Queues.certificatePdf)
export class CertificatePdfProcessor extends WorkerHost {
  private readonly logger = new Logger(CertificatePdfProcessor.name);

  constructor(private readonly documents: CertificateDocumentsHandler) {
    super();
  }

  async process(job: Job<RenderPdfJob>): Promise<{ rendered: boolean }> {
    const result = await this.documents.render(job.data.certificateNumber);
    if (result.rendered) this.logger.debug(`rendered the PDF of ${job.data.certificateNumber}`);
    return result;
  }
}
