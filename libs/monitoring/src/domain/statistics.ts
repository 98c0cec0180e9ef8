import { toCsv } from './csv';
import { Figures } from './figures';

export type Flow = 'EXPORT' | 'IMPORT';

/**
 * One line of trade statistics: a participant's exports (counted at issue, by the
 * exporter) or imports (counted at import confirmation, by the importer) of one HS code
 * in one quarter.
 */
export interface StatisticsItem extends Figures {
  participant: string;
  flow: Flow;
  hsCode: string;
  year: number;
  quarter: number;
}

export const STATISTICS_CSV_COLUMNS = ['year', 'quarter', 'participant', 'flow', 'hsCode', 'certificates', 'carats', 'valueUsd'] as const;

/** The order statistics are served in: period, participant, exports before imports, HS code. */
export function compareStatistics(a: StatisticsItem, b: StatisticsItem): number {
  return (
    a.year - b.year ||
    a.quarter - b.quarter ||
    a.participant.localeCompare(b.participant) ||
    (a.flow === b.flow ? 0 : a.flow === 'EXPORT' ? -1 : 1) ||
    a.hsCode.localeCompare(b.hsCode)
  );
}

/** The statistics as CSV: a header row, then one row per item, in the order given. */
export function statisticsCsv(items: readonly StatisticsItem[]): string {
  return toCsv(
    STATISTICS_CSV_COLUMNS,
    items.map((i) => STATISTICS_CSV_COLUMNS.map((column) => i[column])),
  );
}
