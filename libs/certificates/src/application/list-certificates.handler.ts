import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthenticatedUser, forbidden, invalid } from '@kp/kernel';
import { CERTIFICATES } from '../certificates.constants';
import { CertificateOrmEntity } from '../infrastructure/certificate.orm-entity';
import { certificateView } from './certificate.view';

export interface ListCertificatesQuery {
  participant?: string;
  status?: string;
  limit?: number;
  cursor?: string;
}

interface Cursor {
  issuedAt: string;
  number: string;
}

/**
 * The certificates a user may see, newest first: its own participant's exports and
 * imports, or all of them for the secretariat. Keyset pagination on (issuedAt, number).
 */
@Injectable()
export class ListCertificatesHandler {
  constructor(@InjectDataSource(CERTIFICATES) private readonly dataSource: DataSource) {}

  async execute(user: AuthenticatedUser, query: ListCertificatesQuery) {
    const limit = query.limit ?? 50;
    const qb = this.dataSource.getRepository(CertificateOrmEntity).createQueryBuilder('c');
    const all = user.roles.includes('secretariat');
    if (!all) {
      if (!user.participant) throw forbidden('NO_PARTICIPANT', 'Only officers of a participant and the secretariat list certificates.');
      if (query.participant && query.participant !== user.participant) {
        throw forbidden('NOT_YOUR_PARTICIPANT', `You may list ${user.participant}'s certificates, not ${query.participant}'s.`);
      }
      qb.andWhere('(c.exporting_participant = :own OR c.importing_participant = :own)', { own: user.participant });
    }
    if (query.participant) {
      qb.andWhere('(c.exporting_participant = :p OR c.importing_participant = :p)', { p: query.participant });
    }
    if (query.status) qb.andWhere('c.status = :status', { status: query.status });
    if (query.cursor) {
      const cursor = decodeCursor(query.cursor);
      qb.andWhere('(c.issued_at, c.certificate_number) < (:at, :number)', { at: cursor.issuedAt, number: cursor.number });
    }
    const rows = await qb.orderBy('c.issued_at', 'DESC').addOrderBy('c.certificate_number', 'DESC').limit(limit + 1).getMany();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(certificateView),
      nextCursor:
        rows.length > limit && last
          ? Buffer.from(JSON.stringify({ issuedAt: last.issuedAt.toISOString(), number: last.certificateNumber })).toString('base64url')
          : null,
    };
  }
}

function decodeCursor(value: string): Cursor {
  try {
    const cursor = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (typeof cursor.issuedAt === 'string' && typeof cursor.number === 'string' && !Number.isNaN(Date.parse(cursor.issuedAt))) {
      return cursor;
    }
  } catch {
    /* fall through */
  }
  throw invalid('BAD_CURSOR', 'cursor is not one this API gave out.', { errors: [{ field: 'cursor', message: 'cursor is invalid' }] });
}
