import { CertificatesModule } from '@kp/certificates';
import { ServiceEntry } from '@kp/kernel';
import { MonitoringModule } from '@kp/monitoring';
import { ParticipantsModule } from '@kp/participants';
import { ReformModule } from '@kp/reform';
import { ShipmentsModule } from '@kp/shipments';
import { VerificationModule } from '@kp/verification';

/** Every service of the platform, in the order a newcomer reads them. */
export const ALL_SERVICES: ServiceEntry[] = [
  { name: 'participants', module: ParticipantsModule },
  { name: 'certificates', module: CertificatesModule },
  { name: 'shipments', module: ShipmentsModule },
  { name: 'verification', module: VerificationModule },
  { name: 'reform', module: ReformModule },
  { name: 'monitoring', module: MonitoringModule },
];
