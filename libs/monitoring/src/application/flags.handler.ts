import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthenticatedUser, conflict, invalid, notFound } from '@kp/kernel';
import { MonitoringFlagOrmEntity } from '../infrastructure/monitoring-flag.orm-entity';
import { MONITORING } from '../monitoring.constants';
import { decodeCursor, DEFAULT_LIMIT, encodeCursor } from './cursor';

const S = MONITORING;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type FlagStatus = 'open' | 'cleared' | 'all';

export interface FlagsQuery {
  participant?: string;
  code?: string;
  status?: FlagStatus;
  certificateNumber?: string;
  limit?: number;
  cursor?: string;
}

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

function flagView(r: Record<string, any>) {
  return {
    id: r.id,
    certificateNumber: r.certificate_number,
    code: r.code,
    message: r.message,
    source: r.source,
    owner: r.owner,
    status: r.cleared_at ? 'cleared' : 'open',
    raisedAt: iso(r.raised_at),
    clearedAt: iso(r.cleared_at),
    clearedBy: r.cleared_by ?? null,
    justification: r.justification ?? null,
    certificate: r.exporting_participant
      ? {
          exportingParticipant: r.exporting_participant,
          importingParticipant: r.importing_participant,
          hsCode: r.hs_code,
          carats: Number(r.carats),
          valueUsd: Number(r.value_usd),
          status: r.certificate_status,
          issuedAt: iso(r.issued_at),
          expiresAt: iso(r.expires_at),
        }
      : null,
  };
}

const SELECT = `
  SELECT f.*, f.raised_at::text AS sort_key, c.exporting_participant, c.importing_participant, c.hs_code, c.carats, c.value_usd,
         c.status AS certificate_status, c.issued_at, c.expires_at
    FROM "${S}".flag f LEFT JOIN "${S}".certificate c ON c.certificate_number = f.certificate_number`;

/**
 * Every red flag across the system with its certificate and reason: verification's, as its
 * events told, and monitoring's own. The secretariat clears monitoring's own here;
 * verification's are cleared where they are kept (`POST /api/v1/flags/{id}/clear`).
 */
@Injectable()
export class FlagsHandler {
  constructor(@InjectDataSource(MONITORING) private readonly dataSource: DataSource) {}

  async list(query: FlagsQuery) {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const params: unknown[] = [];
    const where: string[] = [];
    const status = query.status ?? 'open';
    if (status === 'open') where.push('f.cleared_at IS NULL');
    if (status === 'cleared') where.push('f.cleared_at IS NOT NULL');
    if (query.code) {
      params.push(query.code);
      where.push(`f.code = $${params.length}`);
    }
    if (query.certificateNumber) {
      params.push(query.certificateNumber);
      where.push(`f.certificate_number = $${params.length}`);
    }
    if (query.participant) {
      // Either side of the trade; the number's prefix names the exporter should the certificate be unknown here.
      params.push(query.participant);
      const p = `$${params.length}`;
      where.push(`(c.exporting_participant = ${p} OR c.importing_participant = ${p} OR (c.certificate_number IS NULL AND left(f.certificate_number, 2) = ${p}))`);
    }
    const after = decodeCursor(query.cursor);
    if (after) {
      if (!UUID.test(after[1])) throw invalid('INVALID_CURSOR', 'The cursor is not one this list gave out.', { errors: [{ field: 'cursor', message: 'cursor is not valid' }] });
      params.push(after[0], after[1]);
      where.push(`(f.raised_at, f.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(limit + 1);
    const rows: Record<string, any>[] = await this.dataSource.query(
      `${SELECT} WHERE ${where.length ? where.join(' AND ') : 'TRUE'} ORDER BY f.raised_at DESC, f.id DESC LIMIT $${params.length}`,
      params,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(flagView),
      nextCursor: rows.length > limit && last ? encodeCursor(last.sort_key, last.id) : null,
    };
  }

  async clear(user: AuthenticatedUser, id: string, justification: string) {
    await this.dataSource.transaction(async (tx) => {
      const flag = await tx.getRepository(MonitoringFlagOrmEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!flag) throw notFound('FLAG_NOT_FOUND', `No flag ${id}.`);
      if (flag.owner !== 'monitoring') {
        throw conflict('FLAG_KEPT_BY_VERIFICATION', `This flag is kept by verification: clear it with POST /api/v1/flags/${id}/clear.`);
      }
      if (flag.clearedAt) throw conflict('FLAG_ALREADY_CLEARED', `This flag was cleared on ${flag.clearedAt.toISOString()}.`);
      await tx.getRepository(MonitoringFlagOrmEntity).update({ id }, { clearedAt: new Date(), clearedBy: user.username, justification });
    });
    const [row] = await this.dataSource.query(`${SELECT} WHERE f.id = $1`, [id]);
    return flagView(row);
  }
}
