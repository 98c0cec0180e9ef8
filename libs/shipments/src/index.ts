export * from './shipments.module';
export * from './shipments.constants';
