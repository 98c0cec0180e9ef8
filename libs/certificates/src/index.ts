export * from './certificates.module';
export * from './certificates.constants';
