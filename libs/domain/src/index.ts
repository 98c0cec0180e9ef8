export * from './signing/canonical-json';
export * from './signing/compact-jws';
export * from './certificates/certificate-number';
export * from './certificates/annex-one';
export * from './participants/kp-participants';
export * from './verification/verdict';
export * from './verification/certificate-rules';
export * from './measures/measure-rules';
