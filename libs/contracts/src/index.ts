export * from './envelope';
export * from './event-definition';
export * from './event-catalogue';
export * from './topics';
export * from './events/participant-registered.v1';
export * from './events/certificate-issued.v1';
export * from './events/signing-key-published.v1';
export * from './events/verification-performed.v1';
