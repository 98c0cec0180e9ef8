import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { FlagCleared, FlagClearedV1, FlagRaised, FlagRaisedV1 } from '@kp/contracts';
import { AuthenticatedUser, conflict, notFound, OutboxWriter } from '@kp/kernel';
import { FlagOrmEntity } from '../infrastructure/flag.orm-entity';
import { VERIFICATION } from '../verification.constants';

/** A name-based UUID (version 5 layout over SHA-1): the same input always gives the same id. */
function stableUuid(name: string): string {
  const h = createHash('sha1').update(`kp-flag:${name}`).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function flagView(f: FlagOrmEntity) {
  return {
    id: f.id,
    certificateNumber: f.certificateNumber,
    code: f.code,
    message: f.message,
    source: f.source,
    raisedAt: f.raisedAt.toISOString(),
    clearedAt: f.clearedAt?.toISOString() ?? null,
    ...(f.clearedAt ? { clearedBy: f.clearedBy, justification: f.justification } : {}),
  };
}

/**
 * Red flags: raised from findings (at the border, at import), kept open on the
 * certificate's read model row (the hot path reads one row), cleared by the secretariat
 * with a justification. Each change is published.
 */
@Injectable()
export class Flags {
  constructor(
    @InjectDataSource(VERIFICATION) private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {}

  async raise(
    tx: EntityManager,
    certificateNumber: string,
    findings: { code: string; message: string }[],
    source: FlagRaisedV1['source'],
    at: Date,
    sourceEventId: string,
  ): Promise<void> {
    for (const [index, finding] of findings.entries()) {
      const flag = tx.getRepository(FlagOrmEntity).create({
        // Derived from the event that raised it, so a rebuilt read model has the same flags.
        id: stableUuid(`${sourceEventId}:${index}:${finding.code}`),
        certificateNumber,
        code: finding.code,
        message: finding.message,
        source,
        raisedAt: at,
        clearedAt: null,
        clearedBy: null,
        justification: null,
      });
      await tx.getRepository(FlagOrmEntity).insert(flag);
      const [, changed] = await tx.query(
        `UPDATE "${VERIFICATION}".certificate_view SET flags = flags || $2::jsonb, updated_at = now() WHERE certificate_number = $1`,
        [certificateNumber, JSON.stringify([{ id: flag.id, code: flag.code, message: flag.message, source }])],
      );
      if (!changed) throw new Error(`certificate ${certificateNumber} is not in the read model`);
      await this.outbox.append(tx, FlagRaised, certificateNumber, {
        flagId: flag.id,
        certificateNumber,
        code: flag.code,
        message: flag.message,
        source,
        raisedAt: at.toISOString(),
      });
    }
  }

  /** Applies a clearing read back from the flag topic (a rebuild); one already applied changes nothing. */
  async applyCleared(tx: EntityManager, cleared: FlagClearedV1): Promise<void> {
    const [, changed] = await tx.query(
      `UPDATE "${VERIFICATION}".flag SET cleared_at = $2, cleared_by = $3, justification = $4 WHERE id = $1 AND cleared_at IS NULL`,
      [cleared.flagId, new Date(cleared.clearedAt), cleared.clearedBy, cleared.justification],
    );
    if (changed) await this.dropFromView(tx, cleared.certificateNumber, cleared.flagId);
  }

  private async dropFromView(tx: EntityManager, certificateNumber: string, flagId: string): Promise<void> {
    await tx.query(
      `UPDATE "${VERIFICATION}".certificate_view
          SET flags = COALESCE((SELECT jsonb_agg(f) FROM jsonb_array_elements(flags) f WHERE f->>'id' IS DISTINCT FROM $2), '[]'::jsonb),
              updated_at = now()
        WHERE certificate_number = $1`,
      [certificateNumber, flagId],
    );
  }

  async clear(user: AuthenticatedUser, id: string, justification: string) {
    return this.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(FlagOrmEntity);
      const flag = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!flag) throw notFound('FLAG_NOT_FOUND', `No flag ${id}.`);
      if (flag.clearedAt) throw conflict('FLAG_ALREADY_CLEARED', `This flag was cleared on ${flag.clearedAt.toISOString()}.`);
      flag.clearedAt = new Date();
      flag.clearedBy = user.username;
      flag.justification = justification;
      await repo.save(flag);
      await this.dropFromView(tx, flag.certificateNumber, flag.id);
      await this.outbox.append(tx, FlagCleared, flag.certificateNumber, {
        flagId: flag.id,
        certificateNumber: flag.certificateNumber,
        clearedBy: user.username,
        justification,
        clearedAt: flag.clearedAt.toISOString(),
        code: flag.code,
      });
      return flagView(flag);
    });
  }

  async list(status: 'open' | 'cleared' | 'all', certificateNumber?: string) {
    const qb = this.dataSource.getRepository(FlagOrmEntity).createQueryBuilder('f');
    if (status === 'open') qb.andWhere('f.cleared_at IS NULL');
    if (status === 'cleared') qb.andWhere('f.cleared_at IS NOT NULL');
    if (certificateNumber) qb.andWhere('f.certificate_number = :n', { n: certificateNumber });
    const flags = await qb.orderBy('f.raised_at', 'DESC').limit(500).getMany();
    return { items: flags.map(flagView), nextCursor: null };
  }
}
