import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { invalid, ruleViolation } from '@kp/kernel';
import { addFigures } from '../domain/figures';
import { periodRange } from '../domain/periods';
import { PairFigures, reconcile, UnconfirmedCertificate } from '../domain/reconciliation';
import { compareStatistics, StatisticsItem } from '../domain/statistics';
import { MonitoringConfig } from '../monitoring.config';
import { MONITORING, NOT_COUNTED_AS_EXPORT } from '../monitoring.constants';

const S = MONITORING;

export interface PeriodQuery {
  year?: number;
  quarter?: number;
}

/** The UTC year (and quarter) as SQL: its calendar parts of a timestamptz column. */
const yearOf = (column: string) => `extract(year FROM ${column} AT TIME ZONE 'UTC')::int`;
const quarterOf = (column: string) => `extract(quarter FROM ${column} AT TIME ZONE 'UTC')::int`;

/** A period's bounds for a WHERE clause over `column`, numbering parameters after `params`. */
function periodFilter(column: string, query: PeriodQuery, params: unknown[]): string {
  if (query.year === undefined) {
    if (query.quarter !== undefined) {
      throw invalid('QUARTER_WITHOUT_YEAR', 'A quarter needs its year.', { errors: [{ field: 'quarter', message: 'quarter needs year' }] });
    }
    return 'TRUE';
  }
  const { from, to } = periodRange(query.year, query.quarter);
  params.push(from, to);
  return `${column} >= $${params.length - 1} AND ${column} < $${params.length}`;
}

/**
 * Trade statistics and their reconciliation, as queries over the certificates the events
 * described: exports counted at issue by the exporter (voided and lost or stolen
 * certificates left out), imports at import confirmation by the importer, with the
 * certificate's own carats, value and HS code.
 */
@Injectable()
export class StatisticsHandler {
  constructor(
    @InjectDataSource(MONITORING) private readonly dataSource: DataSource,
    private readonly config: MonitoringConfig,
  ) {}

  async statistics(query: PeriodQuery & { participant?: string }): Promise<{ items: StatisticsItem[] }> {
    const params: unknown[] = [[...NOT_COUNTED_AS_EXPORT]];
    const exported = periodFilter('issued_at', query, params);
    const imported = periodFilter('confirmed_at', query, params);
    let exporter = 'TRUE';
    let importer = 'TRUE';
    if (query.participant) {
      params.push(query.participant);
      exporter = `exporting_participant = $${params.length}`;
      importer = `importing_participant = $${params.length}`;
    }
    const rows: { participant: string; flow: 'EXPORT' | 'IMPORT'; hs_code: string; year: number; quarter: number; certificates: number; carats: string; value_usd: string }[] =
      await this.dataSource.query(
        `SELECT participant, flow, hs_code, ${yearOf('at')} AS year, ${quarterOf('at')} AS quarter,
                count(*)::int AS certificates, sum(carats) AS carats, sum(value_usd) AS value_usd
           FROM (SELECT exporting_participant AS participant, 'EXPORT' AS flow, hs_code, carats, value_usd, issued_at AS at
                   FROM "${S}".certificate
                  WHERE status <> ALL($1) AND ${exported} AND ${exporter}
                 UNION ALL
                 SELECT importing_participant, 'IMPORT', hs_code, carats, value_usd, confirmed_at
                   FROM "${S}".certificate
                  WHERE confirmed_at IS NOT NULL AND ${imported} AND ${importer}) fact
          GROUP BY participant, flow, hs_code, year, quarter`,
        params,
      );
    const items = rows.map((r) => ({
      participant: r.participant,
      flow: r.flow,
      hsCode: r.hs_code,
      certificates: r.certificates,
      carats: Number(r.carats),
      valueUsd: Number(r.value_usd),
      year: r.year,
      quarter: r.quarter,
    }));
    return { items: items.sort(compareStatistics) };
  }

  /**
   * Exports of A to B against imports of B from A, per quarter, with the differences and
   * the exported certificates still unconfirmed. The year defaults to the current one.
   */
  async reconciliation(query: PeriodQuery & { participant?: string }, now = new Date()) {
    const period = { year: query.year ?? now.getUTCFullYear(), quarter: query.quarter };
    const pairFilter = (params: unknown[]) => {
      if (!query.participant) return 'TRUE';
      params.push(query.participant);
      return `(exporting_participant = $${params.length} OR importing_participant = $${params.length})`;
    };
    const exportParams: unknown[] = [[...NOT_COUNTED_AS_EXPORT]];
    const exportWhere = `status <> ALL($1) AND ${periodFilter('issued_at', period, exportParams)} AND ${pairFilter(exportParams)}`;
    const importParams: unknown[] = [];
    const importWhere = `confirmed_at IS NOT NULL AND ${periodFilter('confirmed_at', period, importParams)} AND ${pairFilter(importParams)}`;
    const pairs = (column: string, where: string, params: unknown[]): Promise<PairFigures[]> =>
      this.dataSource
        .query(
          `SELECT exporting_participant AS exporter, importing_participant AS importer, ${yearOf(column)} AS year, ${quarterOf(column)} AS quarter,
                  count(*)::int AS certificates, sum(carats) AS carats, sum(value_usd) AS value_usd
             FROM "${S}".certificate WHERE ${where}
            GROUP BY exporter, importer, year, quarter`,
          params,
        )
        .then((rows: (Omit<PairFigures, 'carats' | 'valueUsd'> & { carats: string; value_usd: string })[]) =>
          rows.map((r) => ({ exporter: r.exporter, importer: r.importer, year: r.year, quarter: r.quarter, certificates: r.certificates, carats: Number(r.carats), valueUsd: Number(r.value_usd) })),
        );
    const unconfirmedRows: {
      certificate_number: string;
      exporter: string;
      importer: string;
      year: number;
      quarter: number;
      hs_code: string;
      carats: string;
      value_usd: string;
      issued_at: Date;
      expires_at: Date;
    }[] = await this.dataSource.query(
      `SELECT certificate_number, exporting_participant AS exporter, importing_participant AS importer,
              ${yearOf('issued_at')} AS year, ${quarterOf('issued_at')} AS quarter, hs_code, carats, value_usd, issued_at, expires_at
         FROM "${S}".certificate WHERE ${exportWhere} AND confirmed_at IS NULL`,
      exportParams,
    );
    const unconfirmed: UnconfirmedCertificate[] = unconfirmedRows.map((r) => {
      const overdueSince = this.config.overdueSince(new Date(r.expires_at));
      return {
        certificateNumber: r.certificate_number,
        exporter: r.exporter,
        importer: r.importer,
        year: r.year,
        quarter: r.quarter,
        hsCode: r.hs_code,
        carats: Number(r.carats),
        valueUsd: Number(r.value_usd),
        issuedAt: new Date(r.issued_at).toISOString(),
        expiresAt: new Date(r.expires_at).toISOString(),
        overdueSince: overdueSince.toISOString(),
        overdue: overdueSince <= now,
      };
    });
    const items = reconcile(await pairs('issued_at', exportWhere, exportParams), await pairs('confirmed_at', importWhere, importParams), unconfirmed);
    return { year: period.year, quarter: period.quarter ?? null, graceDays: this.config.unconfirmedGraceDays, items };
  }

  /**
   * What may be published: a closed year's totals per participant and flow, with neither
   * HS codes nor quarters (the KP publishes annual figures after the year ends).
   */
  async published(year: number, now = new Date()) {
    if (year >= now.getUTCFullYear()) {
      throw ruleViolation('YEAR_NOT_CLOSED', `${year} is not over: annual statistics are published once the year has ended.`);
    }
    const { items } = await this.statistics({ year });
    const totals = new Map<string, { participant: string; flow: 'EXPORT' | 'IMPORT'; certificates: number; carats: number; valueUsd: number }>();
    for (const i of items) {
      const key = `${i.participant}|${i.flow}`;
      const t = totals.get(key) ?? { participant: i.participant, flow: i.flow, certificates: 0, carats: 0, valueUsd: 0 };
      totals.set(key, { ...t, ...addFigures(t, i) });
    }
    return { year, items: [...totals.values()].sort((a, b) => a.participant.localeCompare(b.participant) || a.flow.localeCompare(b.flow)) };
  }
}
