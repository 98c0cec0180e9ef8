import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CertificateImportConfirmed, CertificateReportedLost, CertificateVoided } from '@kp/contracts';
import { CertificateAction, importDiscrepancies, nextStatus } from '@kp/domain';
import { AuthenticatedUser, conflict, forbidden, invalid, notFound, OutboxWriter } from '@kp/kernel';
import { ImportConfirmationRequestDto, ReportLostRequestDto, VoidCertificateRequestDto } from '../api/lifecycle.request.dto';
import { CERTIFICATES } from '../certificates.constants';
import { CertificateHistoryOrmEntity } from '../infrastructure/certificate-history.orm-entity';
import { CertificateOrmEntity } from '../infrastructure/certificate.orm-entity';
import { ImportConfirmationOrmEntity } from '../infrastructure/import-confirmation.orm-entity';
import { certificateView } from './certificate.view';

type Side = 'exporting' | 'importing';

/**
 * What happens to an issued certificate: voided, reported lost or stolen, its import
 * confirmed. Each change follows the lifecycle's transitions table, is made by an officer
 * of the right participant, and is written with its history row and its event in one
 * transaction (the certificate row locked, so two changes cannot race).
 */
@Injectable()
export class CertificateLifecycleHandler {
  constructor(
    @InjectDataSource(CERTIFICATES) private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {}

  void(user: AuthenticatedUser, number: string, request: VoidCertificateRequestDto) {
    return this.dataSource.transaction(async (tx) => {
      const certificate = await lockForChange(tx, user, number, 'exporting', 'VOID');
      const at = new Date();
      await this.change(tx, certificate, 'VOIDED', user, at, { reason: request.reason, detail: request.detail ?? null });
      await this.outbox.append(tx, CertificateVoided, number, {
        certificateNumber: number,
        reason: request.reason,
        ...(request.detail ? { detail: request.detail } : {}),
        voidedAt: at.toISOString(),
      });
      return certificateView(certificate);
    });
  }

  reportLost(user: AuthenticatedUser, number: string, request: ReportLostRequestDto) {
    return this.dataSource.transaction(async (tx) => {
      const action = request.kind === 'LOST' ? 'REPORT_LOST' : 'REPORT_STOLEN';
      const certificate = await lockForChange(tx, user, number, 'exporting', action);
      const at = new Date();
      await this.change(tx, certificate, request.kind === 'LOST' ? 'REPORTED_LOST' : 'REPORTED_STOLEN', user, at, { detail: request.detail });
      await this.outbox.append(tx, CertificateReportedLost, number, {
        certificateNumber: number,
        kind: request.kind,
        detail: request.detail,
        reportedAt: at.toISOString(),
      });
      return certificateView(certificate);
    });
  }

  confirmImport(user: AuthenticatedUser, number: string, request: ImportConfirmationRequestDto, weightTolerance: number) {
    const receivedAt = new Date(request.receivedAt);
    if (receivedAt.getTime() > Date.now() + 5 * 60_000) {
      throw invalid('RECEIVED_IN_FUTURE', 'receivedAt cannot be in the future.', {
        errors: [{ field: 'receivedAt', message: 'receivedAt cannot be in the future' }],
      });
    }
    return this.dataSource.transaction(async (tx) => {
      const certificate = await lockForChange(tx, user, number, 'importing', 'CONFIRM_IMPORT');
      const at = new Date();
      const discrepancies = importDiscrepancies(certificate, request, weightTolerance);
      const confirmation = tx.getRepository(ImportConfirmationOrmEntity).create({
        certificateNumber: number,
        receivedAt,
        parcels: request.parcels,
        carats: request.carats,
        sealIntact: request.sealIntact,
        remarks: request.remarks ?? null,
        discrepancies,
        confirmedBy: user.username,
        confirmedAt: at,
      });
      await tx.getRepository(ImportConfirmationOrmEntity).insert(confirmation);
      await this.change(tx, certificate, 'IMPORT_CONFIRMED', user, at, {
        receivedAt: receivedAt.toISOString(),
        parcels: request.parcels,
        carats: request.carats,
        sealIntact: request.sealIntact,
        discrepancies,
      });
      await this.outbox.append(tx, CertificateImportConfirmed, number, {
        certificateNumber: number,
        exportingParticipant: certificate.exportingParticipant,
        importingParticipant: certificate.importingParticipant,
        receivedAt: receivedAt.toISOString(),
        parcels: request.parcels,
        carats: request.carats,
        sealIntact: request.sealIntact,
        ...(request.remarks ? { remarks: request.remarks } : {}),
        discrepancies,
        confirmedAt: at.toISOString(),
      });
      return {
        certificateNumber: number,
        receivedAt: receivedAt.toISOString(),
        parcels: request.parcels,
        carats: request.carats,
        sealIntact: request.sealIntact,
        ...(request.remarks ? { remarks: request.remarks } : {}),
        discrepancies,
        confirmedBy: user.username,
        confirmedAt: at.toISOString(),
      };
    });
  }

  private async change(
    tx: EntityManager,
    certificate: CertificateOrmEntity,
    status: CertificateOrmEntity['status'],
    user: AuthenticatedUser,
    at: Date,
    detail: Record<string, unknown>,
  ): Promise<void> {
    certificate.status = status;
    await tx.getRepository(CertificateOrmEntity).update({ certificateNumber: certificate.certificateNumber }, { status });
    await tx.getRepository(CertificateHistoryOrmEntity).insert({
      certificateNumber: certificate.certificateNumber,
      action: status,
      actor: user.username,
      at,
      detail,
    });
  }
}

/**
 * Loads a certificate for a change, locked: 404 if unknown, 403 unless the user is an
 * officer of the side that acts, 409 if the lifecycle does not allow the action now.
 */
export async function lockForChange(
  tx: EntityManager,
  user: AuthenticatedUser,
  number: string,
  side: Side,
  action: CertificateAction,
): Promise<CertificateOrmEntity> {
  const certificate = await tx
    .getRepository(CertificateOrmEntity)
    .findOne({ where: { certificateNumber: number }, lock: { mode: 'pessimistic_write' } });
  if (!certificate) throw notFound('CERTIFICATE_NOT_FOUND', `No certificate ${number}.`);
  const participant = side === 'exporting' ? certificate.exportingParticipant : certificate.importingParticipant;
  if (user.participant !== participant) {
    throw forbidden(
      'NOT_YOUR_CERTIFICATE',
      `Only the ${side} participant (${participant}) may ${action.toLowerCase().replace(/_/g, ' ')} this certificate.`,
    );
  }
  if (!nextStatus(certificate.status, action)) {
    throw conflict(
      action === 'CONFIRM_IMPORT' && certificate.status === 'IMPORT_CONFIRMED' ? 'ALREADY_CONFIRMED' : 'NOT_ALLOWED_IN_THIS_STATE',
      `A certificate that is ${certificate.status} cannot be ${action === 'CONFIRM_IMPORT' ? 'confirmed' : action.toLowerCase().replace(/_/g, ' ')}${action === 'CONFIRM_IMPORT' && certificate.status === 'IMPORT_CONFIRMED' ? ' a second time' : ''}.`,
      { currentStatus: certificate.status },
    );
  }
  return certificate;
}
