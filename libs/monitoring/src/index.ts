export * from './monitoring.module';
export * from './monitoring.constants';
export * from './monitoring.config';
