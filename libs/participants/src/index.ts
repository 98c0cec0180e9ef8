export * from './participants.module';
export * from './participants.constants';
export * from './application/demo-users';
