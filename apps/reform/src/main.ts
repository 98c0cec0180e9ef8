import 'reflect-metadata';
import { ReformModule } from '@kp/reform';
import { runMain } from '@kp/kernel';

// Distributed: the reform service alone, Kafka and PostgreSQL from the environment.
runMain('kp-reform', [{ name: 'reform', module: ReformModule }], { KP_MODE: 'distributed' });
