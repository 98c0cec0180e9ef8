import { parseCertificateNumber } from '../certificates/certificate-number';
import { Reason, verdictOf } from './verdict';
import type { Verdict } from '@kp/contracts';

/** Bumped whenever a rule changes what it finds, so an answer says which rules judged it. */
export const RULESET_VERSION = '2026.11.2';

export type CertificateStatus = 'ISSUED' | 'IMPORT_CONFIRMED' | 'VOIDED' | 'REPORTED_LOST' | 'REPORTED_STOLEN';

/** What the border rules need to know about a certificate. */
export interface CertificateFacts {
  certificateNumber: string;
  status: CertificateStatus;
  exportingParticipant: string;
  expiresAt: Date;
}

export interface Judgement {
  verdict: Verdict;
  reasons: Reason[];
}

/** The certificate's own state: known, void, numbered by its issuer, imported, in date. */
export function certificateStateFindings(facts: CertificateFacts | null, at: Date): Reason[] {
  if (!facts) {
    return [{ code: 'NOT_FOUND', message: 'No certificate with this number has been issued.' }];
  }
  const reasons: Reason[] = [];
  switch (facts.status) {
    case 'VOIDED':
      reasons.push({ code: 'VOIDED', message: 'The issuing authority has voided this certificate.' });
      break;
    case 'REPORTED_LOST':
      reasons.push({ code: 'REPORTED_LOST', message: 'The issuing authority has reported this certificate lost.' });
      break;
    case 'REPORTED_STOLEN':
      reasons.push({ code: 'REPORTED_STOLEN', message: 'The issuing authority has reported this certificate stolen.' });
      break;
    case 'IMPORT_CONFIRMED':
      reasons.push({
        code: 'ALREADY_IMPORTED',
        message: 'The import of this shipment has already been confirmed; the certificate cannot cover another.',
      });
      break;
    case 'ISSUED':
      break;
  }
  const parsed = parseCertificateNumber(facts.certificateNumber);
  if (!parsed || parsed.participant !== facts.exportingParticipant) {
    reasons.push({
      code: 'NUMBER_PREFIX_MISMATCH',
      message: `The number does not carry the code of its issuing participant (${facts.exportingParticipant}).`,
    });
  }
  if (at.getTime() > facts.expiresAt.getTime()) {
    reasons.push({ code: 'EXPIRED', message: `The certificate expired on ${facts.expiresAt.toISOString()}.` });
  }
  return reasons;
}

export function judge(reasons: Reason[]): Judgement {
  return { verdict: verdictOf(reasons), reasons };
}
