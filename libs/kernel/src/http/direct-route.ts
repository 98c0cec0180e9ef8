import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorize, bearerToken } from '../auth/auth.guard';
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

/** What a direct route's handler is given of the request: its path parameters and query. */
export interface DirectRequest {
  params: Record<string, string>;
  query: Record<string, unknown>;
}

export interface DirectRoute<R> {
  method: 'GET';
  /** Fastify's form, with one parameter, last: /api/v1/verify/:certificateNumber */
  url: string;
  roles: readonly Role[];
  /** Its answer, or a promise of it when it must wait for something (a database, say). */
  handle: (user: AuthenticatedUser, request: DirectRequest) => R | Promise<R>;
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

/** A direct route's response: status, content type, JSON text. */
interface Answer {
  status: number;
  type: string;
  body: string;
}

function ok(result: unknown): Answer {
  try {
    return { status: 200, type: 'application/json; charset=utf-8', body: JSON.stringify(result) };
  } catch (error) {
    return failed(error);
  }
}

function failed(error: unknown): Answer {
  const problem = problems.toProblem(error);
  return { status: problem.status, type: 'application/problem+json', body: JSON.stringify(problem) };
}

function send(res: ServerResponse, { status, type, body }: Answer): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/**
 * Serves a route outside Nest's router, for the one hot path that cannot afford the
 * per-request machinery (measured at the border: Nest's router, some 22 µs of an answer's
 * 105; then Fastify's routing, hooks and reply, 4 µs of 44). It makes the checks every Nest
 * route makes, in the same order (bearer token and roles as the auth guard, then the rate
 * limit), and answers errors as problem details, as the exception filter does.
 *
 * Two doors, one handler: the route is registered with Fastify (HEAD, odd paths, and the
 * server's closing answered as for any route), and a plain GET of exactly its path is
 * taken at the Node server, before Fastify: `front` below. Everything else stays on Nest's
 * routes. Nest's global interceptors do not see either door; there are none today.
 */
@Injectable()
export class DirectRoutes {
  /** By server: the routes its front door takes, and whether it is closing. */
  private static readonly fronts = new WeakMap<Server, { routes: Front[]; closing: boolean }>();

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
        const { status, type, body } = await this.answer(route, request.headers.authorization, {
          params: request.params as Record<string, string>,
          query: request.query as Record<string, unknown>,
        });
        return reply.status(status).header('content-type', type).send(body);
      },
    });
    this.front(instance, route);
    return true;
  }

  /**
   * The route's answer as the response's status, type and JSON text; never throws, never
   * rejects. Given at once, not as a promise, when the token was checked before and the
   * handler answers at once (the border's usual case): no turn of the microtask queue.
   * A token not seen before has its signature checked first, asynchronously.
   */
  private answer<R>(route: DirectRoute<R>, authorization: string | string[] | undefined, request: DirectRequest): Answer | Promise<Answer> {
    const token = bearerToken(authorization);
    const known = token ? this.tokens.alreadyChecked(token) : undefined;
    if (token && !known) return this.tokens.verify(token).then((user) => this.answerAs(route, token, user, request), failed);
    return this.answerAs(route, token, known ?? null, request);
  }

  /** `answer` once the token is checked: the same checks as the auth guard's, then the rate limit, then the handler. */
  private answerAs<R>(route: DirectRoute<R>, token: string | undefined, user: AuthenticatedUser | null, request: DirectRequest): Answer | Promise<Answer> {
    try {
      const caller = authorize(token, user, { roles: route.roles })!;
      this.limiter.take({ user: caller });
      const result = route.handle(caller, request);
      return result instanceof Promise ? result.then(ok, failed) : ok(result);
    } catch (error) {
      return failed(error);
    }
  }

  /**
   * The front door: the Node server's request listener, put before Fastify's. A GET of
   * `<prefix><one segment>` is answered here; anything else, an undecodable or overlong
   * segment, and every request once the server is closing (Fastify then answers 503) goes on
   * to Fastify unchanged.
   */
  private front<R>(instance: FastifyInstance, route: DirectRoute<R>): void {
    const match = /^(\/.*\/):(\w+)$/.exec(route.url);
    if (!match) throw new Error(`a direct route takes one parameter, last: ${route.url}`);
    const [, prefix, param] = match;
    // Fastify's own limit on a path parameter: a longer one is its 414, so it goes on to it.
    const config = instance.initialConfig as { maxParamLength?: number; routerOptions?: { maxParamLength?: number } };
    const maxParamLength = config.routerOptions?.maxParamLength ?? config.maxParamLength ?? 100;
    const server = instance.server as Server;
    const front = DirectRoutes.fronts.get(server) ?? this.openFront(instance, server);
    front.routes.push({
      serve: (req, res) => {
        const url = req.url ?? '';
        if (!url.startsWith(prefix)) return false;
        const q = url.indexOf('?', prefix.length);
        const segment = url.slice(prefix.length, q < 0 ? undefined : q);
        if (!segment || segment.length > maxParamLength || segment.includes('/')) return false;
        let value: string;
        try {
          value = decodeURIComponent(segment);
        } catch {
          return false; // Fastify answers it as it answers any malformed path
        }
        const query = q < 0 ? {} : { ...parseQuery(url.slice(q + 1)) };
        const answer = this.answer(route, req.headers.authorization, { params: { [param]: value }, query });
        if (!(answer instanceof Promise)) send(res, answer);
        else {
          answer.then(
            (a) => send(res, a),
            // answer() never rejects; were it to, the connection ends rather than the process
            (error: Error) => res.destroy(error),
          );
        }
        return true;
      },
    });
  }

  /** Puts the front door before Fastify's request listener, once a server. */
  private openFront(instance: FastifyInstance, server: Server): { routes: Front[]; closing: boolean } {
    const front = { routes: [] as Front[], closing: false };
    DirectRoutes.fronts.set(server, front);
    const fastify = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
    server.removeAllListeners('request');
    const onward = (req: IncomingMessage, res: ServerResponse) => {
      for (const listener of fastify) listener.call(server, req, res);
    };
    instance.addHook('preClose', (done) => {
      front.closing = true;
      done();
    });
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      if (req.method === 'GET' && !front.closing) {
        for (const route of front.routes) if (route.serve(req, res)) return;
      }
      onward(req, res);
    });
    return front;
  }
}

interface Front {
  /** Answers the request and says true, or says false and leaves it alone. */
  serve(req: IncomingMessage, res: ServerResponse): boolean;
}
