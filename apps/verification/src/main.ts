import 'reflect-metadata';
import { VerificationModule } from '@kp/verification';
import { runMain } from '@kp/kernel';

// Distributed: the verification service alone, Kafka and PostgreSQL from the environment.
runMain('kp-verification', [{ name: 'verification', module: VerificationModule }], { KP_MODE: 'distributed' });
