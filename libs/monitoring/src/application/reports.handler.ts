import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ReportGenerated } from '@kp/contracts';
import { AuthenticatedUser, conflict, invalid, notFound, OutboxWriter, Queues, ruleViolation } from '@kp/kernel';
import { AnnualSummary, annualSummary, annualSummaryCsv } from '../domain/annual-summary';
import { periodRange } from '../domain/periods';
import { KnownParticipantOrmEntity } from '../infrastructure/known-participant.orm-entity';
import { ReportOrmEntity } from '../infrastructure/report.orm-entity';
import { MonitoringConfig } from '../monitoring.config';
import { ANNUAL_SUMMARY, MONITORING } from '../monitoring.constants';

const S = MONITORING;

export interface GenerateReportJob {
  reportId: string;
}

export const REPORT_JOB_ATTEMPTS = 3;

function reportView(r: ReportOrmEntity, withContent = true) {
  return {
    id: r.id,
    kind: r.kind,
    participant: r.participant,
    year: r.year,
    status: r.status,
    requestedBy: r.requestedBy,
    requestedAt: r.requestedAt.toISOString(),
    generatedAt: r.generatedAt?.toISOString() ?? null,
    ...(r.error ? { error: r.error } : {}),
    ...(withContent ? { content: r.content } : {}),
  };
}

/**
 * Yearly summaries per participant: asked for over HTTP (202), computed by a job from
 * the monitoring facts, kept as computed, and announced (`monitoring.report.generated`)
 * in the same transaction as they are stored.
 */
@Injectable()
export class ReportsHandler {
  constructor(
    @InjectDataSource(MONITORING) private readonly dataSource: DataSource,
    @InjectQueue(Queues.monitoringReports) private readonly queue: Queue<GenerateReportJob>,
    private readonly outbox: OutboxWriter,
    private readonly config: MonitoringConfig,
  ) {}

  async request(user: AuthenticatedUser, request: { participant: string; year: number }) {
    const now = new Date();
    if (request.year > now.getUTCFullYear()) {
      throw invalid('YEAR_IN_FUTURE', `${request.year} has not begun.`, { errors: [{ field: 'year', message: 'year cannot be in the future' }] });
    }
    const participant = await this.dataSource.getRepository(KnownParticipantOrmEntity).findOneBy({ code: request.participant });
    if (!participant) throw ruleViolation('NOT_A_PARTICIPANT', `${request.participant} is not a Kimberley Process participant.`);
    const report = this.dataSource.getRepository(ReportOrmEntity).create({
      id: randomUUID(),
      kind: ANNUAL_SUMMARY,
      participant: request.participant,
      year: request.year,
      status: 'PENDING',
      requestedBy: user.username,
      requestedAt: now,
      generatedAt: null,
      content: null,
      error: null,
    });
    await this.dataSource.getRepository(ReportOrmEntity).insert(report);
    await this.enqueue(report.id);
    return reportView(report, false);
  }

  /** The job id is the report's, so enqueuing twice (after a restart, say) computes it once. */
  async enqueue(reportId: string): Promise<void> {
    await this.queue.add('generate', { reportId }, { jobId: reportId, attempts: REPORT_JOB_ATTEMPTS, backoff: { type: 'exponential', delay: 1000 } });
  }

  async pending(): Promise<string[]> {
    const rows = await this.dataSource.getRepository(ReportOrmEntity).find({ where: { status: 'PENDING' }, select: { id: true } });
    return rows.map((r) => r.id);
  }

  async get(id: string) {
    const report = await this.dataSource.getRepository(ReportOrmEntity).findOneBy({ id });
    if (!report) throw notFound('REPORT_NOT_FOUND', `No report ${id}.`);
    return reportView(report);
  }

  async csv(id: string): Promise<{ filename: string; csv: string }> {
    const report = await this.dataSource.getRepository(ReportOrmEntity).findOneBy({ id });
    if (!report) throw notFound('REPORT_NOT_FOUND', `No report ${id}.`);
    if (report.status !== 'READY' || !report.content) {
      throw conflict('REPORT_NOT_READY', `The report is ${report.status.toLowerCase()}; ask for its CSV once it is ready.`, { status: report.status });
    }
    return { filename: `kp-${report.participant}-${report.year}-summary.csv`, csv: annualSummaryCsv(report.content as AnnualSummary) };
  }

  async list(query: { participant?: string; year?: number }) {
    const qb = this.dataSource.getRepository(ReportOrmEntity).createQueryBuilder('r');
    if (query.participant) qb.andWhere('r.participant = :p', { p: query.participant });
    if (query.year !== undefined) qb.andWhere('r.year = :y', { y: query.year });
    const reports = await qb.orderBy('r.requested_at', 'DESC').limit(500).getMany();
    return { items: reports.map((r) => reportView(r, false)), nextCursor: null };
  }

  /** The job's work: computes the summary, stores it and announces it, in one transaction. */
  async generate(id: string, now = new Date()): Promise<'generated' | 'nothing to do'> {
    return this.dataSource.transaction(async (tx) => {
      const report = await tx.getRepository(ReportOrmEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!report || report.status !== 'PENDING') return 'nothing to do';
      const { from, to } = periodRange(report.year);
      const p = report.participant;
      const num = (v: string) => Number(v);
      const [participant] = await tx.query(`SELECT name FROM "${S}".known_participant WHERE code = $1`, [p]);
      const issued = await tx.query(
        `SELECT certificate_number, importing_participant AS partner, hs_code, carats, value_usd, issued_at, expires_at, status, replaced_by, confirmed_at
           FROM "${S}".certificate WHERE exporting_participant = $1 AND issued_at >= $2 AND issued_at < $3`,
        [p, from, to],
      );
      const imports = await tx.query(
        `SELECT certificate_number, exporting_participant AS partner, hs_code, carats, value_usd, confirmed_at
           FROM "${S}".certificate WHERE importing_participant = $1 AND confirmed_at >= $2 AND confirmed_at < $3`,
        [p, from, to],
      );
      const inbound = await tx.query(
        `SELECT certificate_number, exporting_participant AS partner, expires_at, status
           FROM "${S}".certificate WHERE importing_participant = $1 AND issued_at >= $2 AND issued_at < $3`,
        [p, from, to],
      );
      const flags = await tx.query(
        `SELECT f.code, f.cleared_at FROM "${S}".flag f JOIN "${S}".certificate c ON c.certificate_number = f.certificate_number
          WHERE (c.exporting_participant = $1 OR c.importing_participant = $1) AND f.raised_at >= $2 AND f.raised_at < $3`,
        [p, from, to],
      );
      const content = annualSummary({
        participant: p,
        participantName: participant?.name ?? null,
        year: report.year,
        generatedAt: now,
        issued: issued.map((r: Record<string, any>) => ({
          certificateNumber: r.certificate_number,
          partner: r.partner,
          hsCode: r.hs_code,
          carats: num(r.carats),
          valueUsd: num(r.value_usd),
          issuedAt: new Date(r.issued_at),
          expiresAt: new Date(r.expires_at),
          status: r.status,
          replacedBy: r.replaced_by,
          confirmedAt: r.confirmed_at ? new Date(r.confirmed_at) : null,
        })),
        imports: imports.map((r: Record<string, any>) => ({
          certificateNumber: r.certificate_number,
          partner: r.partner,
          hsCode: r.hs_code,
          carats: num(r.carats),
          valueUsd: num(r.value_usd),
          confirmedAt: new Date(r.confirmed_at),
        })),
        inbound: inbound.map((r: Record<string, any>) => ({ certificateNumber: r.certificate_number, partner: r.partner, expiresAt: new Date(r.expires_at), status: r.status })),
        flags: flags.map((r: Record<string, any>) => ({ code: r.code, clearedAt: r.cleared_at ? new Date(r.cleared_at) : null })),
        overdueSince: (expiresAt) => this.config.overdueSince(expiresAt),
      });
      await tx.getRepository(ReportOrmEntity).update({ id }, { status: 'READY', generatedAt: now, content, error: null });
      await this.outbox.append(tx, ReportGenerated, p, { reportId: id, kind: ANNUAL_SUMMARY, participant: p, year: report.year, generatedAt: now.toISOString() });
      return 'generated';
    });
  }

  /** The last attempt failed: the report says so rather than staying PENDING for ever. */
  async fail(id: string, error: string): Promise<void> {
    await this.dataSource.getRepository(ReportOrmEntity).update({ id, status: 'PENDING' }, { status: 'FAILED', error });
  }
}
