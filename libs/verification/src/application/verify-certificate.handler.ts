import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createPublicKey, randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
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
import { CertificateViewOrmEntity } from '../infrastructure/certificate-view.orm-entity';
import { SigningKeyViewOrmEntity } from '../infrastructure/signing-key-view.orm-entity';
import { BorderReferenceData } from './border-reference-data';
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
    private readonly config: KpConfig,
  ) {}

  /** GET: by number. */
  execute(user: AuthenticatedUser, certificateNumber: string, at?: Date): Promise<VerificationAnswer> {
    return this.answer(user, certificateNumber, at, []);
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
    return this.answer(user, number, held.at, extra, { presented: held.presented, qrFields });
  }

  private async answer(
    user: AuthenticatedUser,
    certificateNumber: string,
    at: Date | undefined,
    extra: Reason[],
    held: { presented?: PresentedFields; qrFields?: Record<string, unknown> | null } = {},
  ): Promise<VerificationAnswer> {
    const checkedAt = new Date();
    const judgedAt = at ?? checkedAt;
    const view = await this.loadView(certificateNumber);
    const findings: Reason[] = certificateStateFindings(view, judgedAt);
    if (view) {
      const summary = view.summary as unknown as CertificateSummary;
      findings.push(...this.measureFindings(view, summary, judgedAt));
      findings.push(...valuationFindings(summary, this.valuation()));
      findings.push(...view.flags.map(({ code, message }) => ({ code: code as Reason['code'], message })));
      findings.push(...this.dataMismatches(summary, held));
    }
    findings.push(...extra);
    const { verdict, reasons } = judge(findings);
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
            issuedAt: view.issuedAt.toISOString(),
            expiresAt: view.expiresAt.toISOString(),
            ...view.summary,
          }
        : null,
      checkedAt: checkedAt.toISOString(),
      judgedAt: judgedAt.toISOString(),
      asOf: this.reference.asOf()?.toISOString() ?? null,
      rulesetVersion: RULESET_VERSION,
    };
    this.record(user, answer, judgedAt, checkedAt);
    return answer;
  }

  /**
   * The hot path's one read: a named (prepared) statement straight on the pool, without the
   * ORM's query building, which costs more than the lookup itself.
   */
  private async loadView(certificateNumber: string): Promise<CertificateViewOrmEntity | null> {
    const pool = (this.dataSource.driver as unknown as { master: Pool }).master;
    const { rows } = await pool.query({
      name: 'kp-verify-certificate-view',
      text: `SELECT certificate_number, status, exporting_participant, importing_participant, issued_at, expires_at, summary, flags
               FROM "${VERIFICATION}".certificate_view WHERE certificate_number = $1`,
      values: [certificateNumber],
    });
    const r = rows[0];
    if (!r) return null;
    return Object.assign(new CertificateViewOrmEntity(), {
      certificateNumber: r.certificate_number,
      status: r.status,
      exportingParticipant: r.exporting_participant,
      importingParticipant: r.importing_participant,
      issuedAt: r.issued_at,
      expiresAt: r.expires_at,
      summary: r.summary,
      flags: r.flags,
    });
  }

  private valuation() {
    return { ...DEFAULT_VALUATION, logThreshold: Math.log(this.config.KP_VALUE_OUTLIER_FACTOR) };
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
  private measureFindings(view: CertificateViewOrmEntity, summary: CertificateSummary, judgedAt: Date): Reason[] {
    const facts = {
      exportingParticipant: view.exportingParticipant,
      importingParticipant: view.importingParticipant,
      origin: summary.origin,
    };
    const measures = this.reference.measuresFor(participantsConcerned(facts));
    return measureFindings(facts, measures, [
      { at: judgedAt, label: `on ${judgedAt.toISOString().slice(0, 10)}, the moment judged` },
      { at: view.issuedAt, label: 'on the issue date' },
    ]).map(({ code, message, legalBasis }) => ({ code, message, legalBasis }));
  }

  /** Every verification is kept and announced (in batches, off the answer's path). */
  private record(user: AuthenticatedUser, answer: VerificationAnswer, judgedAt: Date, checkedAt: Date): void {
    this.recorder.record({
      id: randomUUID(),
      certificateNumber: answer.certificateNumber,
      verdict: answer.verdict,
      reasons: answer.reasons,
      verifiedBy: user.username,
      participant: user.participant,
      judgedAt,
      checkedAt,
    });
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
