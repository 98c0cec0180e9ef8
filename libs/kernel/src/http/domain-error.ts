/** How a refusal maps to HTTP, independent of the transport that raised it. */
export type DomainErrorKind = 'INVALID' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'RULE_VIOLATION';

/**
 * A refusal by the domain or a use case, with a stable code clients can rely on.
 * Thrown from services instead of HTTP exceptions; the problem-details filter maps it.
 */
export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const notFound = (code: string, message: string) => new DomainError('NOT_FOUND', code, message);
export const conflict = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError('CONFLICT', code, message, details);
export const ruleViolation = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError('RULE_VIOLATION', code, message, details);
export const forbidden = (code: string, message: string) => new DomainError('FORBIDDEN', code, message);
export const invalid = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError('INVALID', code, message, details);
