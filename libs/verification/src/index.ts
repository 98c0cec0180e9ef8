export * from './verification.module';
export * from './verification.constants';
