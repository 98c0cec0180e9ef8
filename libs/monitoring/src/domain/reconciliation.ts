import { addFigures, Figures, noFigures, subtractFigures } from './figures';
import { byPeriod } from './periods';

/** A trading pair's figures in one quarter: exports of `exporter` to `importer`, or the imports matching them. */
export interface PairFigures extends Figures {
  exporter: string;
  importer: string;
  year: number;
  quarter: number;
}

/** An exported certificate with no import confirmation (yet). */
export interface UnconfirmedCertificate {
  certificateNumber: string;
  exporter: string;
  importer: string;
  /** The quarter it was issued (and counted as an export) in. */
  year: number;
  quarter: number;
  hsCode: string;
  carats: number;
  valueUsd: number;
  issuedAt: string;
  expiresAt: string;
  /** When it becomes an unconfirmed import: expiry plus the grace period. */
  overdueSince: string;
  /** Already past that moment. */
  overdue: boolean;
}

export interface ReconciliationItem {
  exporter: string;
  importer: string;
  year: number;
  quarter: number;
  /** What the exporter issued for the importer in the quarter (voided and lost certificates left out). */
  exports: Figures;
  /** What the importer confirmed from the exporter in the quarter. */
  imports: Figures;
  /** exports − imports. */
  difference: Figures;
  /** The quarter's exported certificates that the importer has not confirmed. */
  unconfirmed: UnconfirmedCertificate[];
}

const key = (p: { exporter: string; importer: string; year: number; quarter: number }) => `${p.year}|${p.quarter}|${p.exporter}|${p.importer}`;

/**
 * Mirror statistics: each pair's exports in a quarter against the partner's imports from
 * it in the same quarter, the difference, and the exported certificates still unconfirmed.
 * A certificate issued in one quarter and confirmed in the next shows as a difference in
 * both quarters (as in the KP's own mirror statistics); the unconfirmed list says which
 * certificates the difference of the export quarter is made of.
 */
export function reconcile(
  exports: readonly PairFigures[],
  imports: readonly PairFigures[],
  unconfirmed: readonly UnconfirmedCertificate[],
): ReconciliationItem[] {
  const items = new Map<string, ReconciliationItem>();
  const itemFor = (p: { exporter: string; importer: string; year: number; quarter: number }) => {
    let item = items.get(key(p));
    if (!item) {
      item = { exporter: p.exporter, importer: p.importer, year: p.year, quarter: p.quarter, exports: noFigures(), imports: noFigures(), difference: noFigures(), unconfirmed: [] };
      items.set(key(p), item);
    }
    return item;
  };
  const figures = (p: PairFigures): Figures => ({ certificates: p.certificates, carats: p.carats, valueUsd: p.valueUsd });
  for (const e of exports) itemFor(e).exports = addFigures(itemFor(e).exports, figures(e));
  for (const i of imports) itemFor(i).imports = addFigures(itemFor(i).imports, figures(i));
  for (const u of unconfirmed) itemFor(u).unconfirmed.push(u);
  const result = [...items.values()];
  for (const item of result) {
    item.difference = subtractFigures(item.exports, item.imports);
    item.unconfirmed.sort((a, b) => a.certificateNumber.localeCompare(b.certificateNumber));
  }
  return result.sort((a, b) => byPeriod(a, b) || a.exporter.localeCompare(b.exporter) || a.importer.localeCompare(b.importer));
}
