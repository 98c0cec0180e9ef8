import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { CertificateIssued, CertificateVoided } from '@kp/contracts';
import {
  formatCertificateNumber,
  issuanceRefusals,
  participantsConcerned,
  signCompactJws,
  signedFieldsOf,
  SignedCertificateFields,
} from '@kp/domain';
import { AuthenticatedUser, forbidden, invalid, OutboxWriter, ruleViolation } from '@kp/kernel';
import { IssueCertificateRequestDto } from '../../api/issue-certificate.request.dto';
import { CERTIFICATES } from '../../certificates.constants';
import { CertificateOrmEntity, NationalFields } from '../../infrastructure/certificate.orm-entity';
import { CertificateHistoryOrmEntity } from '../../infrastructure/certificate-history.orm-entity';
import { KnownMeasureOrmEntity } from '../../infrastructure/known-measure.orm-entity';
import { KnownParticipantOrmEntity } from '../../infrastructure/known-participant.orm-entity';
import { certificateView, CertificateView } from '../certificate.view';
import { lockForChange } from '../certificate-lifecycle.handler';
import { SigningKeys } from '../signing-keys';

const DAY_MS = 24 * 3600 * 1000;

/**
 * Issues a certificate for the officer's own participant: checks the KP rules that
 * need the registry, numbers it without gaps, signs it, and stores it with its
 * history row and its event in one transaction.
 */
@Injectable()
export class IssueCertificateHandler {
  constructor(
    @InjectDataSource(CERTIFICATES) private readonly dataSource: DataSource,
    private readonly keys: SigningKeys,
    private readonly outbox: OutboxWriter,
  ) {}

  /** Issues a certificate; with `replaces`, the old one is voided in the same transaction. */
  async execute(user: AuthenticatedUser, request: IssueCertificateRequestDto, replaces?: string): Promise<CertificateView> {
    const exporting = user.participant;
    if (!exporting) throw forbidden('NO_PARTICIPANT', 'Only an officer of a participant can issue certificates.');
    if (request.exportingParticipant && request.exportingParticipant !== exporting) {
      throw forbidden('NOT_YOUR_PARTICIPANT', `You issue for ${exporting}, not for ${request.exportingParticipant}.`);
    }
    const participants = this.dataSource.getRepository(KnownParticipantOrmEntity);
    const [exporter, importer] = await Promise.all([
      participants.findOneBy({ code: exporting }),
      participants.findOneBy({ code: request.importingParticipant }),
    ]);
    if (!exporter || exporter.status !== 'ACTIVE') {
      throw ruleViolation('EXPORTER_NOT_ACTIVE', `${exporting} is not an active Kimberley Process participant.`);
    }
    if (request.importingParticipant === exporting) {
      throw ruleViolation('IMPORTER_IS_EXPORTER', 'The importing participant must be another participant than the exporter.');
    }
    if (!importer || importer.status !== 'ACTIVE') {
      throw ruleViolation(
        'IMPORTER_NOT_A_PARTICIPANT',
        `${request.importingParticipant} is not an active Kimberley Process participant: rough diamonds may only be traded between participants.`,
      );
    }
    const issuedAt = new Date();
    await this.refuseUnderMeasure(request, exporting, issuedAt);
    const expiresAt = request.expiresAt
      ? endOfDayIfDate(request.expiresAt)
      : new Date(issuedAt.getTime() + exporter.certificateValidityDays * DAY_MS);
    if (Number.isNaN(expiresAt.getTime()) || (request.expiresAt && !isCalendarDate(request.expiresAt))) {
      throw invalid('INVALID_DATE', 'expiresAt is not a calendar date.', {
        errors: [{ field: 'expiresAt', message: 'expiresAt must be a real calendar date' }],
      });
    }
    if (expiresAt.getTime() <= issuedAt.getTime()) {
      throw invalid('EXPIRY_IN_PAST', 'expiresAt must be in the future.', {
        errors: [{ field: 'expiresAt', message: 'expiresAt must be in the future' }],
      });
    }

    const saved = await this.dataSource.transaction(async (tx) => {
      const replaced = replaces ? await lockForChange(tx, user, replaces, 'exporting', 'REPLACE') : null;
      const serial = await this.nextSerial(tx, exporting, issuedAt.getUTCFullYear());
      const fields: SignedCertificateFields = signedFieldsOf({
        certificateNumber: formatCertificateNumber(exporting, issuedAt.getUTCFullYear(), serial),
        exportingParticipant: exporting,
        importingParticipant: request.importingParticipant,
        exporter: request.exporter,
        importer: request.importer,
        origin: request.origin,
        hsCode: request.hsCode,
        carats: request.carats,
        valueUsd: request.valueUsd,
        parcels: request.parcels,
        issuedAt: issuedAt.toISOString(),
        expiresAt: expiresAt.toISOString(),
      });
      const key = await this.keys.activeKey(tx, exporting);
      const certificate = tx.getRepository(CertificateOrmEntity).create({
        ...fields,
        status: 'ISSUED',
        issuedAt,
        expiresAt,
        issuedBy: user.username,
        kid: key.kid,
        qr: signCompactJws(fields, key.kid, key.privateKey),
        nationalFields: (request.nationalFields as NationalFields | undefined) ?? null,
        replaces: replaced?.certificateNumber ?? null,
      });
      await tx.getRepository(CertificateOrmEntity).insert(certificate);
      await tx.getRepository(CertificateHistoryOrmEntity).insert({
        certificateNumber: certificate.certificateNumber,
        action: 'ISSUED',
        actor: user.username,
        at: issuedAt,
        detail: null,
      });
      await this.outbox.append(tx, CertificateIssued, certificate.certificateNumber, {
        ...fields,
        hsCode: request.hsCode,
        signature: { kid: key.kid, alg: 'Ed25519' },
        qr: certificate.qr,
        ...(replaced ? { replaces: replaced.certificateNumber } : {}),
      });
      if (replaced) await this.voidReplaced(tx, replaced, certificate.certificateNumber, user, issuedAt);
      return certificate;
    });
    return certificateView(saved);
  }

  private async voidReplaced(
    tx: EntityManager,
    replaced: CertificateOrmEntity,
    replacedBy: string,
    user: AuthenticatedUser,
    at: Date,
  ): Promise<void> {
    await tx.getRepository(CertificateOrmEntity).update({ certificateNumber: replaced.certificateNumber }, { status: 'VOIDED' });
    await tx.getRepository(CertificateHistoryOrmEntity).insert({
      certificateNumber: replaced.certificateNumber,
      action: 'VOIDED',
      actor: user.username,
      at,
      detail: { reason: 'REPLACED', replacedBy },
    });
    await this.outbox.append(tx, CertificateVoided, replaced.certificateNumber, {
      certificateNumber: replaced.certificateNumber,
      reason: 'REPLACED',
      replacedBy,
      voidedAt: at.toISOString(),
    });
  }

  /** Issuing from, to, or with an origin under an embargo or suspension in force is refused, citing it. */
  private async refuseUnderMeasure(request: IssueCertificateRequestDto, exporting: string, at: Date): Promise<void> {
    const facts = { exportingParticipant: exporting, importingParticipant: request.importingParticipant, origin: request.origin };
    const measures = await this.dataSource
      .getRepository(KnownMeasureOrmEntity)
      .find({ where: { participant: In(participantsConcerned(facts)) } });
    const findings = issuanceRefusals(facts, measures, at);
    if (findings.length) {
      throw ruleViolation('MEASURE_IN_FORCE', findings.map((f) => `${f.message} Legal basis: ${f.legalBasis}`).join(' '), {
        reasons: findings,
      });
    }
  }

  /** The row lock on (participant, year) serialises issuers, so serials never repeat; a rollback gives the number back. */
  private async nextSerial(tx: EntityManager, participant: string, year: number): Promise<number> {
    const [row] = await tx.query(
      `INSERT INTO "${CERTIFICATES}".certificate_serial AS s (participant, year, last_serial) VALUES ($1, $2, 1)
       ON CONFLICT (participant, year) DO UPDATE SET last_serial = s.last_serial + 1
       RETURNING last_serial`,
      [participant, year],
    );
    return row.last_serial;
  }
}

/** `2027-02-31` parses (and rolls over); a real date reads back the same. Date-times are checked by parsing. */
function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return true;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

function endOfDayIfDate(value: string): Date {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T23:59:59.999Z`) : new Date(value);
}
