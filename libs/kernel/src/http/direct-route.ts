import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authenticate } from '../auth/auth.guard';
import { RateLimiter } from '../auth/rate-limit.guard';
import { AuthenticatedUser, Role } from '../auth/roles';
import { TokenService } from '../auth/token.service';
import { ProblemDetailsFilter } from './problem-details.filter';

/** What the OpenAPI document says of a direct route (Nest's scanner does not see it). */
export interface DirectRouteDoc {
  summary: string;
  tags: string[];
  parameters: { name: string; in: 'path' | 'query'; required: boolean; description: string; schema: { type: 'string' } }[];
  responses: Record<string, { description: string }>;
}

export interface DirectRoute<R> {
  method: 'GET';
  /** Fastify's form: /api/v1/verify/:certificateNumber */
  url: string;
  roles: readonly Role[];
  handle: (user: AuthenticatedUser, request: FastifyRequest) => Promise<R>;
}

const documented = new Map<string, Record<string, unknown>>();

/** The OpenAPI paths of the direct routes declared so far, merged into /api/docs. */
export function directRouteDocs(): Record<string, Record<string, unknown>> {
  return Object.fromEntries(documented);
}

/** Declares a direct route's documentation; call at module load, before the document is built. */
export function documentDirectRoute(method: 'GET', url: string, doc: DirectRouteDoc): void {
  const path = url.replace(/:(\w+)/g, '{$1}');
  documented.set(path, { ...(documented.get(path) ?? {}), [method.toLowerCase()]: { ...doc, security: [{ bearer: [] }] } });
}

const problems = new ProblemDetailsFilter();

/**
 * Serves a route with Fastify directly, outside Nest's router: for the one hot path that
 * cannot afford Nest's per-request machinery (measured at the border: some 22 µs of an
 * answer's 105, a fifth of its throughput). It makes the checks every Nest route makes,
 * in the same order (bearer token and roles as the auth guard, then the rate limit), and
 * answers errors as problem details, as the exception filter does. Everything else
 * stays on Nest's routes.
 */
@Injectable()
export class DirectRoutes {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly tokens: TokenService,
    private readonly limiter: RateLimiter,
  ) {}

  /** Registers the route; call from onModuleInit (Fastify takes routes until it listens). */
  register<R>(route: DirectRoute<R>): boolean {
    const instance = this.adapterHost.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (!instance?.route) return false; // no HTTP server in this context
    instance.route({
      method: route.method,
      url: route.url,
      handler: async (request: FastifyRequest, reply: FastifyReply) => {
        try {
          const user = (await authenticate(this.tokens, request.headers.authorization, { roles: route.roles }))!;
          // The request carries its user, as the auth guard leaves it for Nest's routes.
          const authenticated = Object.assign(request, { user });
          this.limiter.take(authenticated);
          return await route.handle(user, authenticated);
        } catch (error) {
          const problem = problems.toProblem(error);
          return reply.status(problem.status).header('content-type', 'application/problem+json').send(problem);
        }
      },
    });
    return true;
  }
}
