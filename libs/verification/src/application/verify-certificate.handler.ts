import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import { VerificationPerformed, Verdict } from '@kp/contracts';
import { certificateStateFindings, judge, measureFindings, participantsConcerned, Reason, RULESET_VERSION } from '@kp/domain';
import { AuthenticatedUser, OutboxWriter } from '@kp/kernel';
import { CertificateViewOrmEntity } from '../infrastructure/certificate-view.orm-entity';
import { MeasureViewOrmEntity } from '../infrastructure/measure-view.orm-entity';
import { ProjectionStateOrmEntity } from '../infrastructure/projection-state.orm-entity';
import { VerificationRecordOrmEntity } from '../infrastructure/verification-record.orm-entity';
import { READ_MODEL } from '../api/verification.consumer';
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

/** The border question: valid, embargoed, flagged, expired, void or unknown, with every reason. */
@Injectable()
export class VerifyCertificateHandler {
  constructor(
    @InjectDataSource(VERIFICATION) private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {}

  async execute(user: AuthenticatedUser, certificateNumber: string, at?: Date): Promise<VerificationAnswer> {
    const checkedAt = new Date();
    const judgedAt = at ?? checkedAt;
    const [view, state] = await Promise.all([
      this.dataSource.getRepository(CertificateViewOrmEntity).findOneBy({ certificateNumber }),
      this.dataSource.getRepository(ProjectionStateOrmEntity).findOneBy({ projection: READ_MODEL }),
    ]);
    const findings: Reason[] = certificateStateFindings(view, judgedAt);
    if (view) {
      findings.push(...(await this.measureFindings(view, judgedAt)));
      findings.push(...view.flags.map(({ code, message }) => ({ code: code as Reason['code'], message })));
    }
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
      asOf: state?.lastEventAt.toISOString() ?? null,
      rulesetVersion: RULESET_VERSION,
    };
    await this.record(user, answer, judgedAt, checkedAt);
    return answer;
  }

  /** Embargoes and suspensions in force at the moment judged or on the issue date. */
  private async measureFindings(view: CertificateViewOrmEntity, judgedAt: Date): Promise<Reason[]> {
    const facts = {
      exportingParticipant: view.exportingParticipant,
      importingParticipant: view.importingParticipant,
      origin: view.summary.origin as { countries: string[]; zones?: string[] },
    };
    const measures = await this.dataSource
      .getRepository(MeasureViewOrmEntity)
      .find({ where: { participant: In(participantsConcerned(facts)) } });
    return measureFindings(facts, measures, [
      { at: judgedAt, label: `on ${judgedAt.toISOString().slice(0, 10)}, the moment judged` },
      { at: view.issuedAt, label: 'on the issue date' },
    ]).map(({ code, message, legalBasis }) => ({ code, message, legalBasis }));
  }

  /** Every verification is kept and announced, in one transaction. */
  private async record(user: AuthenticatedUser, answer: VerificationAnswer, judgedAt: Date, checkedAt: Date): Promise<void> {
    const id = randomUUID();
    await this.dataSource.transaction(async (tx) => {
      await tx.getRepository(VerificationRecordOrmEntity).insert({
        id,
        certificateNumber: answer.certificateNumber,
        verdict: answer.verdict,
        reasons: answer.reasons,
        verifiedBy: user.username,
        participant: user.participant,
        judgedAt,
        checkedAt,
      });
      await this.outbox.append(tx, VerificationPerformed, answer.certificateNumber, {
        verificationId: id,
        certificateNumber: answer.certificateNumber,
        verdict: answer.verdict,
        reasonCodes: answer.reasons.map((r) => r.code),
        verifiedBy: user.username,
        ...(user.participant ? { participant: user.participant } : {}),
        checkedAt: checkedAt.toISOString(),
      });
    });
  }
}
