import 'reflect-metadata';
import { CertificatesModule } from '@kp/certificates';
import { runMain } from '@kp/kernel';

// Distributed: the certificates service alone, Kafka and PostgreSQL from the environment.
runMain('kp-certificates', [{ name: 'certificates', module: CertificatesModule }], { KP_MODE: 'distributed' });
