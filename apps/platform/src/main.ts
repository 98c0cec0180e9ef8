import 'reflect-metadata';
import { runMain } from '@kp/kernel';
import { ALL_SERVICES } from './all-services';

// Standalone: every service in one process, embedded PostgreSQL, events in-process.
runMain('kp-platform', ALL_SERVICES, { KP_MODE: 'standalone' });
