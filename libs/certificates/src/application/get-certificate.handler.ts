import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthenticatedUser, forbidden, notFound } from '@kp/kernel';
import { CERTIFICATES } from '../certificates.constants';
import { CertificateOrmEntity } from '../infrastructure/certificate.orm-entity';
import { CertificateHistoryOrmEntity } from '../infrastructure/certificate-history.orm-entity';
import { certificateView, historyView } from './certificate.view';

/** A certificate with its history, for its exporting and importing participants and the secretariat. */
@Injectable()
export class GetCertificateHandler {
  constructor(@InjectDataSource(CERTIFICATES) private readonly dataSource: DataSource) {}

  async execute(user: AuthenticatedUser, number: string) {
    const certificate = await this.dataSource.getRepository(CertificateOrmEntity).findOneBy({ certificateNumber: number });
    if (!certificate) throw notFound('CERTIFICATE_NOT_FOUND', `No certificate ${number}.`);
    const mayRead =
      user.roles.includes('secretariat') ||
      (user.participant !== null &&
        [certificate.exportingParticipant, certificate.importingParticipant].includes(user.participant));
    if (!mayRead) throw forbidden('NOT_YOUR_CERTIFICATE', 'Only the exporting and importing participants and the secretariat may read this certificate.');
    const history = await this.dataSource
      .getRepository(CertificateHistoryOrmEntity)
      .find({ where: { certificateNumber: number }, order: { id: 'ASC' } });
    return { ...certificateView(certificate), history: history.map(historyView) };
  }
}
