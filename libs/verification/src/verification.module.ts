import { Module } from '@nestjs/common';
import { MessagingModule, ServiceDatabaseModule } from '@kp/kernel';
import { VerificationConsumer } from './api/verification.consumer';
import { VerificationHttpController } from './api/verification.http.controller';
import { BorderRoute } from './api/border.route';
import { VerifyCertificateHandler } from './application/verify-certificate.handler';
import { CertificateViewOrmEntity } from './infrastructure/certificate-view.orm-entity';
import { VerificationInitial1764300000000 } from './infrastructure/migrations/1764300000000-verification-initial';
import { MeasureViewOrmEntity } from './infrastructure/measure-view.orm-entity';
import { MeasureView1764320000000 } from './infrastructure/migrations/1764320000000-measure-view';
import { CertificateFlags1764340000000 } from './infrastructure/migrations/1764340000000-certificate-flags';
import { Flags1764350000000 } from './infrastructure/migrations/1764350000000-flags';
import { SigningKeyView1764360000000 } from './infrastructure/migrations/1764360000000-signing-key-view';
import { CertificateViewNotify1764370000000 } from './infrastructure/migrations/1764370000000-certificate-view-notify';
import { OutboxEnvelopeUncompressed1764380000000 } from './infrastructure/migrations/1764380000000-outbox-envelope-uncompressed';
import { SigningKeyViewOrmEntity } from './infrastructure/signing-key-view.orm-entity';
import { FlagOrmEntity } from './infrastructure/flag.orm-entity';
import { Flags } from './application/flags';
import { FlagsHttpController } from './api/flags.http.controller';
import { ReadModelHttpController } from './api/read-model.http.controller';
import { RebuildReadModelHandler } from './application/rebuild-read-model.handler';
import { VerificationRecorder } from './application/verification-recorder';
import { BorderReferenceData } from './application/border-reference-data';
import { BorderReplica } from './application/border-replica';
import { ProjectionStateOrmEntity } from './infrastructure/projection-state.orm-entity';
import { VerificationRecordOrmEntity } from './infrastructure/verification-record.orm-entity';
import { VERIFICATION } from './verification.constants';

/** The border's read model, the rules that judge it, and the record of every verification. */
@Module({
  imports: [
    ServiceDatabaseModule.forService({
      service: VERIFICATION,
      entities: [CertificateViewOrmEntity, ProjectionStateOrmEntity, VerificationRecordOrmEntity, MeasureViewOrmEntity, FlagOrmEntity, SigningKeyViewOrmEntity],
      migrations: [VerificationInitial1764300000000, MeasureView1764320000000, CertificateFlags1764340000000, Flags1764350000000, SigningKeyView1764360000000, CertificateViewNotify1764370000000, OutboxEnvelopeUncompressed1764380000000],
    }),
    MessagingModule.forService(VERIFICATION),
  ],
  controllers: [VerificationHttpController, FlagsHttpController, ReadModelHttpController],
  providers: [VerificationConsumer, VerifyCertificateHandler, Flags, RebuildReadModelHandler, VerificationRecorder, BorderReferenceData, BorderReplica, BorderRoute],
})
export class VerificationModule {}
