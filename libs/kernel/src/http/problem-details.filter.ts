import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { DomainError, DomainErrorKind } from './domain-error';
import { InvalidRequestException } from './validation';

const KIND_STATUS: Record<DomainErrorKind, number> = {
  INVALID: 400,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RULE_VIOLATION: 422,
};

const TITLES: Record<number, string> = {
  400: 'Invalid request',
  401: 'Not signed in',
  403: 'Not allowed',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict with the current state',
  413: 'Request too large',
  415: 'Unsupported media type',
  422: 'Refused by a Kimberley Process rule',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Unavailable',
};

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code?: string;
  errors?: { field: string; message: string }[];
  [extra: string]: unknown;
}

/** Every error leaves as RFC 9457 problem details; nothing else reaches the client. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const problem = this.toProblem(exception);
    const reply = host.switchToHttp().getResponse();
    reply.status(problem.status).header('content-type', 'application/problem+json').send(problem);
  }

  toProblem(exception: unknown): ProblemDetails {
    if (exception instanceof DomainError) {
      const status = KIND_STATUS[exception.kind];
      // Details extend the problem; they never override its standard members.
      return {
        ...(exception.details ?? {}),
        type: `urn:kp:problem:${exception.code.toLowerCase().replace(/_/g, '-')}`,
        title: TITLES[status],
        status,
        detail: exception.message,
        code: exception.code,
      };
    }
    if (exception instanceof InvalidRequestException) {
      return {
        type: 'urn:kp:problem:invalid-request',
        title: TITLES[400],
        status: 400,
        detail: exception.message,
        errors: exception.errors,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const detail =
        typeof body === 'string'
          ? body
          : Array.isArray((body as { message?: unknown }).message)
            ? ((body as { message: string[] }).message.join('; '))
            : String((body as { message?: unknown }).message ?? exception.message);
      return { type: 'about:blank', title: TITLES[status] ?? HttpStatus[status] ?? 'Error', status, detail };
    }
    // Fastify's own errors (malformed JSON, body too large) carry a statusCode.
    const statusCode = (exception as { statusCode?: unknown })?.statusCode;
    if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
      return {
        type: 'about:blank',
        title: TITLES[statusCode] ?? 'Invalid request',
        status: statusCode,
        detail: (exception as Error).message,
      };
    }
    this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    return { type: 'about:blank', title: TITLES[500], status: 500, detail: 'An unexpected error occurred.' };
  }
}
