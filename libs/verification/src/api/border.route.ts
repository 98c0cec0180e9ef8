import { Injectable, OnModuleInit } from '@nestjs/common';
import { isISO8601 } from 'class-validator';
import { DirectRoutes, documentDirectRoute, FieldError, InvalidRequestException, Role } from '@kp/kernel';
import { VerifyCertificateHandler } from '../application/verify-certificate.handler';

const URL = '/api/v1/verify/:certificateNumber';
const ROLES: Role[] = ['customs_officer', 'secretariat', 'issuing_officer'];

documentDirectRoute('GET', URL, {
  summary: 'The border question: is this certificate valid, embargoed, flagged, expired, void or unknown, and why.',
  tags: ['verification'],
  parameters: [
    { name: 'certificateNumber', in: 'path', required: true, description: 'The certificate number, e.g. BW-2026-000042.', schema: { type: 'string' } },
    { name: 'at', in: 'query', required: false, description: 'The moment to judge the certificate at (ISO 8601); now when absent.', schema: { type: 'string' } },
  ],
  responses: {
    '200': { description: 'The verdict, every reason behind it, the certificate as registered, and how fresh the read model is.' },
    '400': { description: 'An unknown query parameter, or `at` not an ISO 8601 date-time.' },
    '401': { description: 'No valid bearer token.' },
    '403': { description: 'Not a customs officer, issuing officer or secretariat.' },
  },
});

/**
 * The query of GET /api/v1/verify/{n}: only `at`, the moment to judge at (now when
 * absent). Errors as the ValidationPipe words them.
 */
export function parseVerifyQuery(query: Record<string, unknown>): { at?: Date } {
  const errors: FieldError[] = [];
  for (const key of Object.keys(query)) if (key !== 'at') errors.push({ field: key, message: `property ${key} should not exist` });
  const at = query.at;
  if (at !== undefined && (typeof at !== 'string' || !isISO8601(at, { strict: true }))) {
    errors.push({ field: 'at', message: 'at must be an ISO 8601 date-time' });
  }
  if (errors.length) throw new InvalidRequestException(errors);
  return { at: at === undefined ? undefined : new Date(at as string) };
}

/**
 * GET /api/v1/verify/{n}, the border's hot path, served outside Nest's router (see
 * DirectRoutes: the same token, role and rate-limit checks, the same problem details),
 * because Nest's per-request machinery cost a fifth of its throughput.
 */
@Injectable()
export class BorderRoute implements OnModuleInit {
  constructor(
    private readonly routes: DirectRoutes,
    private readonly verify: VerifyCertificateHandler,
  ) {}

  onModuleInit(): void {
    this.routes.register({
      method: 'GET',
      url: URL,
      roles: ROLES,
      handle: (user, request) =>
        this.verify.execute(
          user,
          request.params.certificateNumber.slice(0, 64),
          parseVerifyQuery(request.query).at,
        ),
    });
  }
}
