import { NOT_COUNTED_AS_EXPORT } from '../monitoring.constants';
import { toCsv } from './csv';
import { addFigures, Figures, figuresOf, noFigures } from './figures';
import { quarterOf } from './periods';

/** A certificate the participant issued in the year, whatever became of it. */
export interface IssuedFact {
  certificateNumber: string;
  /** The importing participant. */
  partner: string;
  hsCode: string;
  carats: number;
  valueUsd: number;
  issuedAt: Date;
  expiresAt: Date;
  status: string;
  replacedBy: string | null;
  confirmedAt: Date | null;
}

/** An import the participant confirmed in the year. */
export interface ImportFact {
  certificateNumber: string;
  /** The exporting participant. */
  partner: string;
  hsCode: string;
  carats: number;
  valueUsd: number;
  confirmedAt: Date;
}

/** A certificate issued to the participant in the year, for the unconfirmed imports on its side. */
export interface InboundFact {
  certificateNumber: string;
  partner: string;
  expiresAt: Date;
  status: string;
}

export interface FlagFact {
  code: string;
  clearedAt: Date | null;
}

export interface FlowSummary {
  total: Figures;
  byQuarter: (Figures & { quarter: number })[];
  byHsCode: (Figures & { hsCode: string })[];
  byPartner: (Figures & { participant: string })[];
}

export interface AnnualSummary {
  kind: 'ANNUAL_SUMMARY';
  participant: string;
  participantName: string | null;
  year: number;
  generatedAt: string;
  /** Counted at issue; voided and lost or stolen certificates left out. Partners are importers. */
  exports: FlowSummary;
  /** Counted at import confirmation. Partners are exporters. */
  imports: FlowSummary;
  certificates: {
    issued: number;
    counted: number;
    voided: number;
    replaced: number;
    reportedLost: number;
    reportedStolen: number;
    importConfirmed: number;
    awaitingConfirmation: number;
    unconfirmed: number;
  };
  flags: { raised: number; open: number; cleared: number; byCode: { code: string; raised: number; open: number }[] };
  /** Past expiry plus the grace period with no import confirmation, on either side of the participant's trade. */
  unconfirmedImports: { certificateNumber: string; side: 'EXPORTER' | 'IMPORTER'; partner: string; expiresAt: string; overdueSince: string }[];
}

interface Contribution extends Figures {
  quarter: number;
  hsCode: string;
  partner: string;
}

function flowSummary(contributions: Contribution[]): FlowSummary {
  const total = contributions.reduce<Figures>(addFigures, noFigures());
  const group = <K extends string | number>(keyOf: (c: Contribution) => K) => {
    const groups = new Map<K, Figures>();
    for (const c of contributions) groups.set(keyOf(c), addFigures(groups.get(keyOf(c)) ?? noFigures(), c));
    return groups;
  };
  const quarters = group((c) => c.quarter);
  return {
    total,
    byQuarter: [1, 2, 3, 4].map((quarter) => ({ quarter, ...(quarters.get(quarter) ?? noFigures()) })),
    byHsCode: [...group((c) => c.hsCode)].sort(([a], [b]) => a.localeCompare(b)).map(([hsCode, f]) => ({ hsCode, ...f })),
    byPartner: [...group((c) => c.partner)]
      .sort(([a, fa], [b, fb]) => fb.valueUsd - fa.valueUsd || a.localeCompare(b))
      .map(([participant, f]) => ({ participant, ...f })),
  };
}

/**
 * A participant's year, computed from what the events recorded: its exports and imports
 * by quarter, HS code and partner, what became of the certificates it issued, the flags on
 * its trade, and the imports left unconfirmed.
 */
export function annualSummary(input: {
  participant: string;
  participantName: string | null;
  year: number;
  generatedAt: Date;
  issued: readonly IssuedFact[];
  imports: readonly ImportFact[];
  inbound: readonly InboundFact[];
  flags: readonly FlagFact[];
  overdueSince: (expiresAt: Date) => Date;
}): AnnualSummary {
  const { issued, generatedAt, overdueSince } = input;
  const excluded = new Set<string>(NOT_COUNTED_AS_EXPORT);
  const counted = issued.filter((c) => !excluded.has(c.status));
  const isOverdue = (c: { status: string; expiresAt: Date }) => c.status === 'ISSUED' && overdueSince(c.expiresAt) <= generatedAt;
  const count = (status: string) => issued.filter((c) => c.status === status).length;

  const byCode = new Map<string, { code: string; raised: number; open: number }>();
  for (const f of input.flags) {
    const entry = byCode.get(f.code) ?? { code: f.code, raised: 0, open: 0 };
    entry.raised += 1;
    if (!f.clearedAt) entry.open += 1;
    byCode.set(f.code, entry);
  }
  const open = input.flags.filter((f) => !f.clearedAt).length;

  const unconfirmed = [
    ...issued.filter(isOverdue).map((c) => ({ certificateNumber: c.certificateNumber, side: 'EXPORTER' as const, partner: c.partner, expiresAt: c.expiresAt })),
    ...input.inbound.filter(isOverdue).map((c) => ({ certificateNumber: c.certificateNumber, side: 'IMPORTER' as const, partner: c.partner, expiresAt: c.expiresAt })),
  ]
    .sort((a, b) => a.certificateNumber.localeCompare(b.certificateNumber))
    .map((u) => ({ ...u, expiresAt: u.expiresAt.toISOString(), overdueSince: overdueSince(u.expiresAt).toISOString() }));

  return {
    kind: 'ANNUAL_SUMMARY',
    participant: input.participant,
    participantName: input.participantName,
    year: input.year,
    generatedAt: generatedAt.toISOString(),
    exports: flowSummary(counted.map((c) => ({ ...figuresOf(c), quarter: quarterOf(c.issuedAt).quarter, hsCode: c.hsCode, partner: c.partner }))),
    imports: flowSummary(input.imports.map((c) => ({ ...figuresOf(c), quarter: quarterOf(c.confirmedAt).quarter, hsCode: c.hsCode, partner: c.partner }))),
    certificates: {
      issued: issued.length,
      counted: counted.length,
      voided: count('VOIDED'),
      replaced: issued.filter((c) => c.status === 'VOIDED' && c.replacedBy).length,
      reportedLost: count('REPORTED_LOST'),
      reportedStolen: count('REPORTED_STOLEN'),
      importConfirmed: count('IMPORT_CONFIRMED'),
      awaitingConfirmation: issued.filter((c) => c.status === 'ISSUED' && !isOverdue(c)).length,
      unconfirmed: issued.filter(isOverdue).length,
    },
    flags: {
      raised: input.flags.length,
      open,
      cleared: input.flags.length - open,
      byCode: [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code)),
    },
    unconfirmedImports: unconfirmed,
  };
}

export const ANNUAL_SUMMARY_CSV_COLUMNS = ['section', 'flow', 'key', 'certificates', 'carats', 'valueUsd'] as const;

/** The summary's figures as CSV: totals, then by quarter, HS code and partner, for exports then imports. */
export function annualSummaryCsv(summary: AnnualSummary): string {
  const rows: (string | number)[][] = [];
  for (const [flow, s] of [['EXPORT', summary.exports], ['IMPORT', summary.imports]] as const) {
    const row = (section: string, key: string, f: Figures) => rows.push([section, flow, key, f.certificates, f.carats, f.valueUsd]);
    row('total', `${summary.participant} ${summary.year}`, s.total);
    for (const q of s.byQuarter) row('quarter', `Q${q.quarter}`, q);
    for (const h of s.byHsCode) row('hsCode', h.hsCode, h);
    for (const p of s.byPartner) row('partner', p.participant, p);
  }
  return toCsv(ANNUAL_SUMMARY_CSV_COLUMNS, rows);
}
