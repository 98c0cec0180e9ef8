import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { stableUuid } from '../domain/stable-id';
import { AuthorityNotificationOrmEntity } from '../infrastructure/authority-notification.orm-entity';
import { MonitoringConfig } from '../monitoring.config';
import { MONITORING, MonitoringFlagCodes } from '../monitoring.constants';
import { decodeCursor, DEFAULT_LIMIT, encodeCursor } from './cursor';

const S = MONITORING;
const BATCH = 500;

/** The flag an unconfirmed import raises: one per certificate, whoever sweeps. */
export const unconfirmedFlagId = (certificateNumber: string) => stableUuid(`unconfirmed:${certificateNumber}`);

interface DueRow {
  certificate_number: string;
  exporting_participant: string;
  importing_participant: string;
  expires_at: Date;
}

/**
 * Unconfirmed imports: certificates past their expiry plus the grace period with no
 * import confirmation (and neither voided nor reported lost or stolen). The sweep flags
 * each once and records a notice for both authorities; the list judges at any moment.
 */
@Injectable()
export class UnconfirmedImportsHandler {
  private readonly logger = new Logger(UnconfirmedImportsHandler.name);

  constructor(
    @InjectDataSource(MONITORING) private readonly dataSource: DataSource,
    private readonly config: MonitoringConfig,
  ) {}

  /** Flags what became an unconfirmed import by `now`; rows are claimed with SKIP LOCKED, so sweepers never flag one twice. */
  async sweep(now = new Date()): Promise<number> {
    const before = new Date(now.getTime() - this.config.unconfirmedGraceMs);
    let flagged = 0;
    for (;;) {
      const done = await this.dataSource.transaction(async (tx) => {
        const due: DueRow[] = await tx.query(
          `SELECT certificate_number, exporting_participant, importing_participant, expires_at
             FROM "${S}".certificate
            WHERE status = 'ISSUED' AND unconfirmed_flagged_at IS NULL AND expires_at <= $1
            ORDER BY expires_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
          [before],
        );
        for (const c of due) await this.flag(tx, c, now);
        return due.length;
      });
      flagged += done;
      if (done < BATCH) break;
    }
    if (flagged) this.logger.log(`flagged ${flagged} unconfirmed imports`);
    return flagged;
  }

  private async flag(tx: EntityManager, c: DueRow, now: Date): Promise<void> {
    const expiresAt = new Date(c.expires_at);
    const overdueSince = this.config.overdueSince(expiresAt);
    const flagId = unconfirmedFlagId(c.certificate_number);
    await tx.query(`UPDATE "${S}".certificate SET unconfirmed_flagged_at = $2 WHERE certificate_number = $1`, [c.certificate_number, now]);
    const inserted: { id: string }[] = await tx.query(
      `INSERT INTO "${S}".flag (id, certificate_number, code, message, source, owner, raised_at)
       VALUES ($1, $2, $3, $4, 'monitoring', 'monitoring', $5) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [
        flagId,
        c.certificate_number,
        MonitoringFlagCodes.importUnconfirmed,
        `No import confirmation from ${c.importing_participant}: the certificate expired on ${expiresAt.toISOString()} and the ` +
          `${this.config.unconfirmedGraceDays}-day grace period ended on ${overdueSince.toISOString()}.`,
        now,
      ],
    );
    if (!inserted.length) return; // flagged before (the row was reset by hand, say): notified then
    const authorities: { participant: string; kind: string; name: string; email: string | null; endpoint: string | null }[] = await tx.query(
      `SELECT participant, kind, name, email, endpoint FROM "${S}".known_authority
        WHERE (participant = $1 AND kind = 'EXPORTING') OR (participant = $2 AND kind = 'IMPORTING')`,
      [c.exporting_participant, c.importing_participant],
    );
    const payload = {
      type: 'kp.unconfirmed-import',
      flagId,
      certificateNumber: c.certificate_number,
      exportingParticipant: c.exporting_participant,
      importingParticipant: c.importing_participant,
      expiresAt: expiresAt.toISOString(),
      overdueSince: overdueSince.toISOString(),
    };
    const notices = (
      [
        [c.exporting_participant, 'EXPORTING'],
        [c.importing_participant, 'IMPORTING'],
      ] as const
    ).map(([recipient, authority]) => {
      const known = authorities.find((a) => a.participant === recipient && a.kind === authority);
      return tx.getRepository(AuthorityNotificationOrmEntity).create({
        id: randomUUID(),
        flagId,
        certificateNumber: c.certificate_number,
        kind: 'UNCONFIRMED_IMPORT',
        recipient,
        authority,
        authorityName: known?.name ?? null,
        email: known?.email ?? null,
        endpoint: known?.endpoint ?? null,
        payload,
        status: 'RECORDED',
        createdAt: now,
      });
    });
    await tx.getRepository(AuthorityNotificationOrmEntity).insert(notices);
  }

  /** Certificates that were unconfirmed imports at `at`: past expiry plus grace, neither confirmed nor withdrawn by then. */
  async list(query: { at?: string; participant?: string; limit?: number; cursor?: string }) {
    const at = query.at ? new Date(query.at) : new Date();
    const limit = query.limit ?? DEFAULT_LIMIT;
    const params: unknown[] = [at, new Date(at.getTime() - this.config.unconfirmedGraceMs)];
    const where = [
      'c.expires_at <= $2',
      'c.issued_at <= $1',
      '(c.confirmed_at IS NULL OR c.confirmed_at > $1)',
      '(c.withdrawn_at IS NULL OR c.withdrawn_at > $1)',
    ];
    if (query.participant) {
      params.push(query.participant);
      where.push(`(c.exporting_participant = $${params.length} OR c.importing_participant = $${params.length})`);
    }
    const after = decodeCursor(query.cursor);
    if (after) {
      params.push(after[0], after[1]);
      where.push(`(c.expires_at, c.certificate_number) > ($${params.length - 1}::timestamptz, $${params.length})`);
    }
    params.push(limit + 1);
    const rows: Record<string, any>[] = await this.dataSource.query(
      `SELECT c.*, c.expires_at::text AS sort_key, f.id AS flag_id, f.raised_at AS flag_raised_at, f.cleared_at AS flag_cleared_at
         FROM "${S}".certificate c
         LEFT JOIN "${S}".flag f ON f.certificate_number = c.certificate_number AND f.code = '${MonitoringFlagCodes.importUnconfirmed}'
        WHERE ${where.join(' AND ')}
        ORDER BY c.expires_at, c.certificate_number
        LIMIT $${params.length}`,
      params,
    );
    const page = rows.slice(0, limit);
    const notices: AuthorityNotificationOrmEntity[] = page.length
      ? await this.dataSource
          .getRepository(AuthorityNotificationOrmEntity)
          .createQueryBuilder('n')
          .where('n.certificate_number IN (:...numbers)', { numbers: page.map((r) => r.certificate_number) })
          .orderBy('n.created_at')
          .addOrderBy('n.authority')
          .getMany()
      : [];
    const items = page.map((r) => {
      const expiresAt = new Date(r.expires_at);
      return {
        certificateNumber: r.certificate_number,
        exportingParticipant: r.exporting_participant,
        importingParticipant: r.importing_participant,
        hsCode: r.hs_code,
        carats: Number(r.carats),
        valueUsd: Number(r.value_usd),
        parcels: r.parcels,
        status: r.status,
        issuedAt: new Date(r.issued_at).toISOString(),
        expiresAt: expiresAt.toISOString(),
        overdueSince: this.config.overdueSince(expiresAt).toISOString(),
        confirmedAt: r.confirmed_at ? new Date(r.confirmed_at).toISOString() : null,
        flag: r.flag_id
          ? { id: r.flag_id, raisedAt: new Date(r.flag_raised_at).toISOString(), clearedAt: r.flag_cleared_at ? new Date(r.flag_cleared_at).toISOString() : null }
          : null,
        notifications: notices
          .filter((n) => n.certificateNumber === r.certificate_number)
          .map((n) => ({
            id: n.id,
            recipient: n.recipient,
            authority: n.authority,
            authorityName: n.authorityName,
            endpoint: n.endpoint,
            status: n.status,
            createdAt: n.createdAt.toISOString(),
          })),
      };
    });
    const last = page[page.length - 1];
    return {
      at: at.toISOString(),
      graceDays: this.config.unconfirmedGraceDays,
      items,
      nextCursor: rows.length > limit && last ? encodeCursor(last.sort_key, last.certificate_number) : null,
    };
  }
}
