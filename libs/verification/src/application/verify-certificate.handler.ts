import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createPublicKey } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Verdict } from '@kp/contracts';
import {
  certificateStateFindings,
  CERTIFICATE_NUMBER_PATTERN,
  decodeCompactJws,
  DEFAULT_VALUATION,
  judge,
  measureFindings,
  participantsConcerned,
  PresentedFields,
  presentedMismatches,
  Reason,
  RULESET_VERSION,
  valuationFindings,
  verifyCompactJws,
} from '@kp/domain';
import { AuthenticatedUser, invalid, KpConfig } from '@kp/kernel';
import { SigningKeyViewOrmEntity } from '../infrastructure/signing-key-view.orm-entity';
import { countAnswer } from './border-metrics';
import { BorderReferenceData } from './border-reference-data';
import { BorderReplica } from './border-replica';
import { CertificateView } from './certificate-view-store';
import { isoString } from './iso-time';
import { timeOrderedId } from './time-ordered-id';
import { VerificationRecorder } from './verification-recorder';
import { VERIFICATION } from '../verification.constants';

export interface VerificationAnswer {
  certificateNumber: string;
  verdict: Verdict;
  reasons: Reason[];
  certificate: Record<string, unknown> | null;
  checkedAt: string;
  /** The moment the certificate was judged at (the `at` asked for, or now). */
  judgedAt: string;
  /** The newest event the read model had applied when it answered. */
  asOf: string | null;
  rulesetVersion: string;
}

/** What an officer holds: the QR text, the number, the fields printed on the paper. */
export interface PresentedCertificate {
  qr?: string;
  certificateNumber?: string;
  presented?: PresentedFields;
  at?: Date;
}

/** The border question: valid, embargoed, flagged, expired, void or unknown, with every reason. */
@Injectable()
export class VerifyCertificateHandler {
  constructor(
    @InjectDataSource(VERIFICATION) private readonly dataSource: DataSource,
    private readonly recorder: VerificationRecorder,
    private readonly reference: BorderReferenceData,
    private readonly replica: BorderReplica,
    private readonly config: KpConfig,
  ) {
    this.valuation = { ...DEFAULT_VALUATION, logThreshold: Math.log(config.KP_VALUE_OUTLIER_FACTOR) };
  }

  private readonly valuation: typeof DEFAULT_VALUATION;
  /** Answers in the same millisecond share their checkedAt text. */
  private readonly clock = new IsoClock();

  /**
   * GET: by number. Answered at once, without a promise, when memory holds the certificate
   * (nearly always): the border's answers then take no turn of the microtask queue.
   */
  execute(user: AuthenticatedUser, certificateNumber: string, at?: Date): VerificationAnswer | Promise<VerificationAnswer> {
    const view = this.view(certificateNumber);
    return view instanceof Promise ? view.then((v) => this.answerFrom(v, user, certificateNumber, at, [])) : this.answerFrom(view, user, certificateNumber, at, []);
  }

  /** POST: by what the officer holds; the QR's signature and the presented fields are checked too. */
  async verifyPresented(user: AuthenticatedUser, held: PresentedCertificate): Promise<VerificationAnswer> {
    const extra: Reason[] = [];
    let number = held.certificateNumber;
    let qrFields: Record<string, unknown> | null = null;
    if (held.qr) {
      const decoded = decodeCompactJws(held.qr);
      const qrNumber = decoded && typeof decoded.payload.certificateNumber === 'string' ? decoded.payload.certificateNumber : null;
      if (!decoded || !qrNumber || !CERTIFICATE_NUMBER_PATTERN.test(qrNumber)) {
        throw invalid('UNREADABLE_QR', 'The QR text is not a Kimberley Process certificate code (a compact JWS).', {
          errors: [{ field: 'qr', message: 'qr must be the compact JWS printed on the certificate' }],
        });
      }
      if (number && number !== qrNumber) {
        extra.push({ code: 'DATA_MISMATCH', message: `The QR code is for ${qrNumber}, the paper says ${number}.` });
      }
      number ??= qrNumber;
      qrFields = decoded.payload;
      const key = typeof decoded.header.kid === 'string' ? await this.dataSource.getRepository(SigningKeyViewOrmEntity).findOneBy({ kid: decoded.header.kid }) : null;
      const signedBy = String(decoded.payload.exportingParticipant ?? '');
      const publicKey = key ? createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: key.x }, format: 'jwk' }) : null;
      if (!key || !publicKey || key.participant !== signedBy || !verifyCompactJws(decoded, publicKey)) {
        extra.push({
          code: 'SIGNATURE_INVALID',
          message: key
            ? `The QR code's signature does not check against ${key.participant}'s key ${key.kid}: the certificate may have been altered or forged.`
            : 'The QR code is signed with a key no participant has published: the certificate may be forged.',
        });
        qrFields = null; // an unsigned payload proves nothing about the registered certificate
      }
    }
    if (!number) {
      throw invalid('NOTHING_TO_VERIFY', 'Give the QR text or the certificate number.', {
        errors: [{ field: 'certificateNumber', message: 'certificateNumber or qr is required' }],
      });
    }
    return this.answerFrom(await this.view(number), user, number, held.at, extra, { presented: held.presented, qrFields });
  }

  /** The certificate's row: from memory at once when held there (nearly always), else from the table. */
  private view(certificateNumber: string): CertificateView | null | Promise<CertificateView | null> {
    return this.replica.held(certificateNumber) ?? this.replica.fromTable(certificateNumber);
  }

  private answerFrom(
    view: CertificateView | null,
    user: AuthenticatedUser,
    certificateNumber: string,
    at: Date | undefined,
    extra: Reason[],
    held: { presented?: PresentedFields; qrFields?: Record<string, unknown> | null } = {},
  ): VerificationAnswer {
    const checkedAt = new Date();
    const judgedAt = at ?? checkedAt;
    const findings: Reason[] = certificateStateFindings(view, judgedAt);
    if (view) {
      const summary = view.summary as unknown as CertificateSummary;
      for (const f of this.measureFindings(view, summary, judgedAt)) findings.push(f);
      for (const f of valuationFindings(summary, this.valuation)) findings.push(f);
      for (const { code, message } of view.flags) findings.push({ code: code as Reason['code'], message });
      if (held.presented || held.qrFields) findings.push(...this.dataMismatches(summary, held));
    }
    for (const f of extra) findings.push(f);
    const { verdict, reasons } = judge(findings);
    countAnswer(verdict);
    const checkedIso = this.clock.iso(checkedAt.getTime());
    const answer: VerificationAnswer = {
      certificateNumber,
      verdict,
      reasons,
      certificate: view
        ? {
            certificateNumber: view.certificateNumber,
            status: view.status,
            exportingParticipant: view.exportingParticipant,
            importingParticipant: view.importingParticipant,
            issuedAt: isoString(view.issuedAt.getTime()),
            expiresAt: isoString(view.expiresAt.getTime()),
            ...view.summary,
          }
        : null,
      checkedAt: checkedIso,
      judgedAt: at ? isoString(at.getTime()) : checkedIso,
      asOf: this.reference.asOf(),
      rulesetVersion: RULESET_VERSION,
    };
    this.record(user, answer);
    return answer;
  }


  /** Presented fields, and a signed QR's fields, against the registered certificate. */
  private dataMismatches(
    summary: CertificateSummary,
    held: { presented?: PresentedFields; qrFields?: Record<string, unknown> | null },
  ): Reason[] {
    const tolerance = this.config.KP_WEIGHT_TOLERANCE_PERCENT / 100;
    const differences = held.presented ? presentedMismatches(summary, held.presented, tolerance) : [];
    if (held.qrFields) {
      const q = held.qrFields as unknown as CertificateSummary;
      differences.push(
        ...presentedMismatches(summary, {
          carats: q.carats,
          valueUsd: q.valueUsd,
          parcels: q.parcels,
          hsCode: q.hsCode,
          exporterName: q.exporter?.name,
          importerName: q.importer?.name,
        }, 0).map((m) => `QR code ${m}`),
      );
    }
    return differences.length
      ? [{ code: 'DATA_MISMATCH', message: `What is presented differs from the registered certificate: ${differences.join('; ')}.` }]
      : [];
  }

  /** Embargoes and suspensions in force at the moment judged or on the issue date. */
  private measureFindings(view: CertificateView, summary: CertificateSummary, judgedAt: Date): Reason[] {
    const facts = {
      exportingParticipant: view.exportingParticipant,
      importingParticipant: view.importingParticipant,
      origin: summary.origin,
    };
    const measures = this.reference.measuresFor(participantsConcerned(facts));
    if (!measures.length) return []; // the usual case: nothing restricts these participants
    return measureFindings(facts, measures, [
      { at: judgedAt, label: `on ${isoString(judgedAt.getTime()).slice(0, 10)}, the moment judged` },
      { at: view.issuedAt, label: 'on the issue date' },
    ]).map(({ code, message, legalBasis }) => ({ code, message, legalBasis }));
  }

  /** Every verification is kept and announced (in batches, off the answer's path). */
  private record(user: AuthenticatedUser, answer: VerificationAnswer): void {
    this.recorder.record({
      id: timeOrderedId(),
      certificateNumber: answer.certificateNumber,
      verdict: answer.verdict,
      reasons: answer.reasons,
      verifiedBy: user.username,
      participant: user.participant,
      judgedAt: answer.judgedAt,
      checkedAt: answer.checkedAt,
    });
  }
}

/** The last millisecond formatted, kept: under load many answers share it. */
class IsoClock {
  private ms = NaN;
  private text = '';

  iso(ms: number): string {
    if (ms !== this.ms) {
      this.ms = ms;
      this.text = isoString(ms);
    }
    return this.text;
  }
}

/** The certificate fields the read model keeps in its summary. */
interface CertificateSummary {
  exporter: { name: string; address: string };
  importer: { name: string; address: string };
  origin: { countries: string[]; zones?: string[] };
  hsCode: string;
  carats: number;
  valueUsd: number;
  parcels: number;
}
