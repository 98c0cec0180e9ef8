export * from './reform.module';
export * from './reform.constants';
