import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { KpConfig, MessagingModule, Queues, ServiceDatabaseModule } from '@kp/kernel';
import { CertificateExpiryProcessor } from './api/certificate-expiry.processor';
import { ExpireCertificatesHandler } from './application/expire-certificates.handler';
import { CertificateExpiry1764310000000 } from './infrastructure/migrations/1764310000000-certificate-expiry';
import { CertificatesConsumer } from './api/certificates.consumer';
import { CertificatesHttpController } from './api/certificates.http.controller';
import { SigningKeysHttpController } from './api/signing-keys.http.controller';
import { CertificateLifecycleHandler } from './application/certificate-lifecycle.handler';
import { GetCertificateHandler } from './application/get-certificate.handler';
import { ListCertificatesHandler } from './application/list-certificates.handler';
import { ImportConfirmationOrmEntity } from './infrastructure/import-confirmation.orm-entity';
import { CertificateLifecycle1764340000000 } from './infrastructure/migrations/1764340000000-certificate-lifecycle';
import { IssueCertificateHandler } from './application/issue-certificate/issue-certificate.handler';
import { SigningKeys } from './application/signing-keys';
import { CERTIFICATES } from './certificates.constants';
import { CertificateHistoryOrmEntity } from './infrastructure/certificate-history.orm-entity';
import { CertificateOrmEntity } from './infrastructure/certificate.orm-entity';
import { KeyWrapper, LocalKeyWrapper } from './infrastructure/key-wrapper';
import { KnownMeasureOrmEntity } from './infrastructure/known-measure.orm-entity';
import { KnownParticipantOrmEntity } from './infrastructure/known-participant.orm-entity';
import { KnownMeasures1764320000000 } from './infrastructure/migrations/1764320000000-known-measures';
import { CertificatesInitial1764300000000 } from './infrastructure/migrations/1764300000000-certificates-initial';
import { SigningKeyOrmEntity } from './infrastructure/signing-key.orm-entity';
import { CertificateDocumentsHttpController } from './api/certificate-documents.http.controller';
import { CertificatePdfProcessor } from './api/certificate-pdf.processor';
import { CertificateDocumentsHandler } from './application/certificate-documents.handler';
import { CertificateDocumentOrmEntity } from './infrastructure/certificate-document.orm-entity';
import { CertificateDocuments1764330000000 } from './infrastructure/migrations/1764330000000-certificate-documents';
import { CertificatePdfQueueEvents } from './infrastructure/pdf/certificate-pdf.queue-events';

/** Certificates and their lifecycle, numbering and signing. */
@Module({
  imports: [
    ServiceDatabaseModule.forService({
      service: CERTIFICATES,
      entities: [CertificateOrmEntity, CertificateHistoryOrmEntity, SigningKeyOrmEntity, KnownParticipantOrmEntity, KnownMeasureOrmEntity, ImportConfirmationOrmEntity, CertificateDocumentOrmEntity],
      migrations: [CertificatesInitial1764300000000, CertificateExpiry1764310000000, KnownMeasures1764320000000, CertificateLifecycle1764340000000, CertificateDocuments1764330000000],
    }),
    MessagingModule.forService(CERTIFICATES),
    BullModule.registerQueue({ name: Queues.certificateExpiry }),
    BullModule.registerQueue({ name: Queues.certificatePdf }),
  ],
  controllers: [CertificatesHttpController, SigningKeysHttpController, CertificateDocumentsHttpController],
  providers: [
    { provide: KeyWrapper, inject: [KpConfig], useFactory: (c: KpConfig) => new LocalKeyWrapper(c.KP_KEY_ENCRYPTION_KEY!) },
    SigningKeys,
    IssueCertificateHandler,
    GetCertificateHandler,
    ListCertificatesHandler,
    CertificateLifecycleHandler,
    CertificatesConsumer,
    ExpireCertificatesHandler,
    CertificateExpiryProcessor,
    CertificateDocumentsHandler,
    CertificatePdfProcessor,
    CertificatePdfQueueEvents,
  ],
})
export class CertificatesModule {}
