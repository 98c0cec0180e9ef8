import 'reflect-metadata';
import { ShipmentsModule } from '@kp/shipments';
import { runMain } from '@kp/kernel';

// Distributed: the shipments service alone, Kafka and PostgreSQL from the environment.
runMain('kp-shipments', [{ name: 'shipments', module: ShipmentsModule }], { KP_MODE: 'distributed' });
