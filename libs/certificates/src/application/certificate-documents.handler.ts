import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue, UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { AuthenticatedUser, forbidden, notFound, Queues } from '@kp/kernel';
import { CERTIFICATES } from '../certificates.constants';
import { CertificateDocumentOrmEntity } from '../infrastructure/certificate-document.orm-entity';
import { CertificateOrmEntity } from '../infrastructure/certificate.orm-entity';
import { CertificatePdfContent, renderCertificatePdf } from '../infrastructure/pdf/certificate-pdf.renderer';
import { CertificatePdfQueueEvents } from '../infrastructure/pdf/certificate-pdf.queue-events';

export interface RenderPdfJob {
  certificateNumber: string;
}

/** BullMQ refuses custom job ids with a colon, so `pdf-<number>`: one job per certificate however often it is asked for. */
export const pdfJobId = (certificateNumber: string) => `pdf-${certificateNumber}`;

/** How long a request waits for its PDF to be rendered, and how often it looks meanwhile. */
export const PDF_WAIT_MS = 15_000;
const PDF_POLL_MS = 50;

/**
 * A certificate's printable PDF. Rendered by a job on the first request (lazily: most
 * certificates are never printed) and kept in `certificate_document`, so every later
 * request is served from the table without rendering again.
 */
@Injectable()
export class CertificateDocumentsHandler {
  /** How long a request waits for its render before answering 503. */
  waitMs = PDF_WAIT_MS;

  constructor(
    @InjectDataSource(CERTIFICATES) private readonly dataSource: DataSource,
    @InjectQueue(Queues.certificatePdf) private readonly queue: Queue<RenderPdfJob>,
    private readonly events: CertificatePdfQueueEvents,
  ) {}

  /** The PDF, for the exporting and importing participants and the secretariat (as for the certificate itself). */
  async pdf(user: AuthenticatedUser, number: string): Promise<Buffer> {
    const certificate = await this.dataSource.getRepository(CertificateOrmEntity).findOne({
      where: { certificateNumber: number },
      select: { certificateNumber: true, exportingParticipant: true, importingParticipant: true },
    });
    if (!certificate) throw notFound('CERTIFICATE_NOT_FOUND', `No certificate ${number}.`);
    const mayRead =
      user.roles.includes('secretariat') ||
      (user.participant !== null &&
        [certificate.exportingParticipant, certificate.importingParticipant].includes(user.participant));
    if (!mayRead) throw forbidden('NOT_YOUR_CERTIFICATE', 'Only the exporting and importing participants and the secretariat may read this certificate.');

    const kept = await this.kept(number);
    if (kept) return kept;
    const rendered = await this.renderByJob(number);
    if (!rendered) {
      throw new ServiceUnavailableException(`The PDF of ${number} could not be rendered in time; ask again in a moment.`);
    }
    return rendered;
  }

  /** The job's work: renders the certificate and keeps it, unless it is kept already. */
  async render(number: string): Promise<{ rendered: boolean }> {
    const documents = this.dataSource.getRepository(CertificateDocumentOrmEntity);
    if (await documents.exists({ where: { certificateNumber: number } })) return { rendered: false };
    const certificate = await this.dataSource.getRepository(CertificateOrmEntity).findOneBy({ certificateNumber: number });
    if (!certificate) throw new UnrecoverableError(`No certificate ${number}.`);
    const pdf = await renderCertificatePdf(pdfContentOf(certificate));
    await this.dataSource.query(
      `INSERT INTO "${CERTIFICATES}".certificate_document AS d (certificate_number, pdf, rendered_at, render_count)
       VALUES ($1, $2, now(), 1)
       ON CONFLICT (certificate_number) DO UPDATE
         SET pdf = EXCLUDED.pdf, rendered_at = EXCLUDED.rendered_at, render_count = d.render_count + 1`,
      [number, pdf],
    );
    return { rendered: true };
  }

  private async kept(number: string): Promise<Buffer | null> {
    const document = await this.dataSource.getRepository(CertificateDocumentOrmEntity).findOne({
      where: { certificateNumber: number },
      select: { certificateNumber: true, pdf: true },
    });
    return document?.pdf ?? null;
  }

  /**
   * Enqueues the render (one job per certificate: concurrent requests share it) and waits
   * for the job's completion event, looking at the table every 50 ms meanwhile, so a
   * missed event or a job finished and removed before we listened costs at most 50 ms.
   */
  private async renderByJob(number: string): Promise<Buffer | null> {
    const job = await this.queue.add(
      'render',
      { certificateNumber: number },
      { jobId: pdfJobId(number), removeOnComplete: true, removeOnFail: true, attempts: 3, backoff: { type: 'exponential', delay: 200 } },
    );
    let finished = false;
    const settle = () => {
      finished = true;
    };
    // Completed, failed, timed out, or removed already: the table says which.
    const done = job.waitUntilFinished(this.events.queueEvents, this.waitMs).then(settle, settle);
    const deadline = Date.now() + this.waitMs;
    for (;;) {
      // Read `finished` before looking, so the last look is always one taken after the job ended.
      const last = finished || Date.now() >= deadline;
      const kept = await this.kept(number);
      if (kept || last) return kept;
      await Promise.race([done, new Promise((resolve) => setTimeout(resolve, PDF_POLL_MS))]);
    }
  }
}

/** What the printed certificate shows, from the stored certificate. */
export function pdfContentOf(c: CertificateOrmEntity): CertificatePdfContent {
  return {
    certificateNumber: c.certificateNumber,
    exportingParticipant: c.exportingParticipant,
    importingParticipant: c.importingParticipant,
    exporter: c.exporter,
    importer: c.importer,
    origin: c.origin,
    hsCode: c.hsCode,
    carats: c.carats,
    valueUsd: c.valueUsd,
    parcels: c.parcels,
    issuedAt: c.issuedAt,
    expiresAt: c.expiresAt,
    signature: { kid: c.kid, alg: 'Ed25519' },
    qr: c.qr,
    nationalFields: c.nationalFields,
    replaces: c.replaces,
  };
}
