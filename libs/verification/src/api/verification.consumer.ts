import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  BorderEventRecorded,
  CertificateImportConfirmed,
  CertificateIssued,
  CertificateReportedLost,
  CertificateVoided,
  EventEnvelope,
  FlagCleared,
  MeasureImposed,
  MeasureLifted,
  SigningKeyPublished,
} from '@kp/contracts';
import type { CertificateStatus } from '@kp/domain';
import { EventBus, EventConsumer } from '@kp/kernel';
import { Flags } from '../application/flags';
import { MeasureViewOrmEntity } from '../infrastructure/measure-view.orm-entity';
import { SigningKeyViewOrmEntity } from '../infrastructure/signing-key-view.orm-entity';
import { VERIFICATION } from '../verification.constants';

export const READ_MODEL = 'border';

/** Builds the border's read model from the certificates' and the registry's events. */
@Injectable()
export class VerificationConsumer extends EventConsumer {
  constructor(
    @InjectDataSource(VERIFICATION) dataSource: DataSource,
    bus: EventBus,
    private readonly flags: Flags,
  ) {
    super(VERIFICATION, dataSource, bus);
  }

  protected registerHandlers(): void {
    this.on(CertificateIssued, async (c, envelope, tx) => {
      await tx.query(
        `INSERT INTO "${VERIFICATION}".certificate_view
           (certificate_number, status, exporting_participant, importing_participant, issued_at, expires_at, summary, events_applied, updated_at)
         VALUES ($1, 'ISSUED', $2, $3, $4, $5, $6, 1, now())
         ON CONFLICT (certificate_number) DO UPDATE SET events_applied = certificate_view.events_applied + 1, updated_at = now()`,
        [
          c.certificateNumber,
          c.exportingParticipant,
          c.importingParticipant,
          c.issuedAt,
          c.expiresAt,
          JSON.stringify({
            exporter: c.exporter,
            importer: c.importer,
            origin: c.origin,
            hsCode: c.hsCode,
            carats: c.carats,
            valueUsd: c.valueUsd,
            parcels: c.parcels,
            kid: c.signature.kid,
          }),
        ],
      );
      await this.advance(tx, envelope);
    });
    this.on(CertificateVoided, async (c, envelope, tx) => {
      await this.setStatus(tx, c.certificateNumber, 'VOIDED');
      await this.advance(tx, envelope);
    });
    this.on(CertificateReportedLost, async (c, envelope, tx) => {
      await this.setStatus(tx, c.certificateNumber, c.kind === 'LOST' ? 'REPORTED_LOST' : 'REPORTED_STOLEN');
      await this.advance(tx, envelope);
    });
    this.on(CertificateImportConfirmed, async (c, envelope, tx) => {
      await this.setStatus(tx, c.certificateNumber, 'IMPORT_CONFIRMED');
      const findings = c.discrepancies.map((d) => ({ code: d.code, message: `At import: ${d.message}` }));
      await this.flags.raise(tx, c.certificateNumber, findings, 'import-confirmation', new Date(c.confirmedAt), envelope.id);
      await this.advance(tx, envelope);
    });
    this.on(BorderEventRecorded, async (e, envelope, tx) => {
      const findings = e.findings.map((f) => ({ code: f.code, message: `At the ${e.participant} border (${e.type.toLowerCase()}): ${f.message}` }));
      await this.flags.raise(tx, e.certificateNumber, findings, 'border', new Date(e.at), envelope.id);
      await this.advance(tx, envelope);
    });
    // Its own clearings, read back: they matter when the read model is rebuilt.
    this.on(FlagCleared, async (f, _envelope, tx) => this.flags.applyCleared(tx, f));
    this.on(SigningKeyPublished, async (k, _envelope, tx) => {
      await tx.getRepository(SigningKeyViewOrmEntity).upsert(
        {
          kid: k.kid,
          participant: k.participant,
          x: k.x,
          status: k.status,
          validFrom: new Date(k.validFrom),
          validTo: k.validTo ? new Date(k.validTo) : null,
        },
        ['kid'],
      );
    });
    this.on(MeasureImposed, async (m, envelope, tx) => {
      await tx.getRepository(MeasureViewOrmEntity).upsert(
        {
          id: m.measureId,
          participant: m.participant,
          kind: m.kind,
          scope: m.scope,
          allowedZones: m.allowedZones,
          effectiveFrom: new Date(m.effectiveFrom),
          effectiveTo: m.effectiveTo ? new Date(m.effectiveTo) : null,
          legalBasis: m.legalBasis,
          decisionReference: m.decisionReference ?? null,
        },
        ['id'],
      );
      await this.advance(tx, envelope);
    });
    this.on(MeasureLifted, async (m, envelope, tx) => {
      await tx.getRepository(MeasureViewOrmEntity).update({ id: m.measureId }, { effectiveTo: new Date(m.effectiveTo) });
      await this.advance(tx, envelope);
    });
  }

  /**
   * One certificate's events share its key, so they arrive after its issue; a change for
   * a certificate the view does not hold fails, is retried, and is dead-lettered with the reason.
   */
  private async setStatus(tx: EntityManager, number: string, status: CertificateStatus): Promise<void> {
    const [, changed] = await tx.query(
      `UPDATE "${VERIFICATION}".certificate_view
          SET status = $2, events_applied = events_applied + 1, updated_at = now()
        WHERE certificate_number = $1 RETURNING certificate_number`,
      [number, status],
    );
    if (!changed) throw new Error(`certificate ${number} is not in the read model`);
  }

  private async advance(tx: EntityManager, envelope: EventEnvelope<unknown>): Promise<void> {
    await tx.query(
      `INSERT INTO "${VERIFICATION}".projection_state (projection, last_event_at, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (projection) DO UPDATE
         SET last_event_at = GREATEST(projection_state.last_event_at, EXCLUDED.last_event_at), updated_at = now()`,
      [READ_MODEL, envelope.occurredAt],
    );
  }
}
