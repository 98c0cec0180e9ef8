import type { MeasureKind, MeasureScope } from '@kp/contracts';
import type { Reason, ReasonCode } from '../verification/verdict';

/** A restriction as the rules see it: who, what, where it lets goods through, when. */
export interface Measure {
  id: string;
  participant: string;
  kind: MeasureKind;
  scope: MeasureScope;
  allowedZones: string[];
  effectiveFrom: Date;
  effectiveTo: Date | null;
  legalBasis: string;
  decisionReference?: string | null;
}

/** What of a certificate the measures judge. */
export interface TradeFacts {
  exportingParticipant: string;
  importingParticipant: string;
  origin: { countries: string[]; zones?: string[] };
}

export function inForce(measure: Measure, at: Date): boolean {
  const t = at.getTime();
  return measure.effectiveFrom.getTime() <= t && (measure.effectiveTo === null || t < measure.effectiveTo.getTime());
}

/** Goods pass a ZONES measure only when they name their zones and every one is allowed. */
function zonesAllowed(measure: Measure, facts: TradeFacts): boolean {
  if (measure.scope !== 'ZONES') return false;
  const zones = facts.origin.zones ?? [];
  const allowed = new Set(measure.allowedZones.map((z) => z.toLowerCase()));
  return zones.length > 0 && zones.every((z) => allowed.has(z.toLowerCase()));
}

function day(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export interface MeasureFinding extends Reason {
  measureId: string;
}

/**
 * Every restriction that covers a trade at any of the given moments (the moment judged
 * and, for an issued certificate, its issue date): the exporter suspended or embargoed,
 * the importer suspended, any origin country embargoed or suspended (a ZONES measure
 * letting named allowed zones through). One finding per code and measure.
 */
export function measureFindings(
  facts: TradeFacts,
  measures: readonly Measure[],
  moments: readonly { at: Date; label: string }[],
): MeasureFinding[] {
  const findings = new Map<string, MeasureFinding>();
  const add = (code: ReasonCode, measure: Measure, label: string, what: string) => {
    const key = `${code}:${measure.id}`;
    if (findings.has(key)) return;
    const period = `from ${day(measure.effectiveFrom)}${measure.effectiveTo ? ` to ${day(measure.effectiveTo)}` : ''}`;
    findings.set(key, {
      code,
      message: `${what} (${measure.kind.toLowerCase()} ${period}, in force ${label}).`,
      legalBasis: measure.decisionReference ? `${measure.legalBasis} (${measure.decisionReference})` : measure.legalBasis,
      measureId: measure.id,
    });
  };
  for (const { at, label } of moments) {
    for (const m of measures) {
      if (!inForce(m, at)) continue;
      if (m.participant === facts.exportingParticipant) {
        if (m.kind === 'SUSPENSION') add('EXPORTER_SUSPENDED', m, label, `The exporting participant ${m.participant} is suspended`);
        else if (!zonesAllowed(m, facts)) {
          add('EXPORTER_EMBARGOED', m, label, `Certificates issued by ${m.participant} are under embargo${m.scope === 'ZONES' ? ' outside its allowed zones' : ''}`);
        }
      }
      if (m.participant === facts.importingParticipant && m.kind === 'SUSPENSION') {
        add('IMPORTER_SUSPENDED', m, label, `The importing participant ${m.participant} is suspended`);
      }
      if (facts.origin.countries.includes(m.participant) && !zonesAllowed(m, facts)) {
        add('ORIGIN_EMBARGOED', m, label, `Rough diamonds of ${m.participant} origin are under embargo${m.scope === 'ZONES' ? ' unless they come from its allowed zones' : ''}`);
      }
    }
  }
  return [...findings.values()];
}

/** The participants whose measures can bear on a trade. */
export function participantsConcerned(facts: TradeFacts): string[] {
  return [...new Set([facts.exportingParticipant, facts.importingParticipant, ...facts.origin.countries])];
}

export interface IssuanceRefusal {
  code: string;
  message: string;
  legalBasis: string;
}

/**
 * What stops a certificate being issued now: every border finding, and also an embargo
 * on the importing participant (API: issuance is refused while the exporter, the importer
 * or an origin is under an embargo or suspension in force).
 */
export function issuanceRefusals(facts: TradeFacts, measures: readonly Measure[], at: Date): IssuanceRefusal[] {
  const refusals: IssuanceRefusal[] = measureFindings(facts, measures, [{ at, label: 'now' }]).map(
    ({ code, message, legalBasis }) => ({ code, message, legalBasis: legalBasis ?? '' }),
  );
  for (const m of measures) {
    if (m.participant === facts.importingParticipant && m.kind === 'EMBARGO' && inForce(m, at)) {
      refusals.push({
        code: 'IMPORTER_EMBARGOED',
        message: `The importing participant ${m.participant} is under embargo (in force now).`,
        legalBasis: m.decisionReference ? `${m.legalBasis} (${m.decisionReference})` : m.legalBasis,
      });
    }
  }
  return refusals;
}
