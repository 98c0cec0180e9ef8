import 'reflect-metadata';
import { MonitoringModule } from '@kp/monitoring';
import { runMain } from '@kp/kernel';

// Distributed: the monitoring service alone, Kafka and PostgreSQL from the environment.
runMain('kp-monitoring', [{ name: 'monitoring', module: MonitoringModule }], { KP_MODE: 'distributed' });
