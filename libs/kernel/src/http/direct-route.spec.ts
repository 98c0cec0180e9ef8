import { BadRequestException, NotFoundException } from '@nestjs/common';
import type { HttpAdapterHost } from '@nestjs/core';
import Fastify, { FastifyInstance } from 'fastify';
import { SignJWT } from 'jose';
import { RateLimiter } from '../auth/rate-limit.guard';
import { TokenService } from '../auth/token.service';
import { loadConfig } from '../config/kp-config';
import { DirectRoutes } from './direct-route';

const SECRET = 'front-door-spec-secret-of-forty-characters';

/**
 * Which door answers: a plain GET of the route's path is taken at the Node server, before
 * Fastify (no Fastify hook sees it), with the same checks; anything else goes on to Fastify.
 * A real Fastify on a real port.
 */
describe('direct routes: the front door before Fastify', () => {
  let fastify: FastifyInstance;
  let base: string;
  let token: string;
  let tokens: TokenService;
  let seenByFastify: string[] = [];

  beforeAll(async () => {
    const config = loadConfig({ KP_JWT_SECRET: SECRET, KP_RATE_LIMIT_PER_MINUTE: '0' });
    tokens = new TokenService(config);
    fastify = Fastify();
    fastify.addHook('onRequest', async (request) => void seenByFastify.push(`${request.method} ${request.url}`));
    const routes = new DirectRoutes({ httpAdapter: { getInstance: () => fastify } } as unknown as HttpAdapterHost, tokens, new RateLimiter(config));
    routes.register({
      method: 'GET',
      url: '/api/v1/echo/:id',
      roles: ['customs_officer'],
      handle: async (user, request) => ({ id: request.params.id, by: user.username, query: request.query }),
    });
    // A handler that answers at once (the border's, when memory holds the certificate), or throws, or rejects.
    routes.register({
      method: 'GET',
      url: '/api/v1/at-once/:id',
      roles: ['customs_officer'],
      handle: (user, request) => {
        if (request.params.id === 'throws') throw new NotFoundException('There is no such thing.');
        if (request.params.id === 'rejects') return Promise.reject(new BadRequestException('Not like that.'));
        return { id: request.params.id, by: user.username };
      },
    });
    base = await fastify.listen({ port: 0, host: '127.0.0.1' });
    token = await tokens.issue({ username: 'ae.customs', roles: ['customs_officer'], participant: 'AE' });
  });

  afterAll(() => fastify?.close());
  beforeEach(() => (seenByFastify = []));

  const get = (path: string, init: RequestInit = {}) => fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` }, ...init });

  it('answers a plain GET itself, Fastify never seeing it, decoded and with its query', async () => {
    const response = await get('/api/v1/echo/BW%2D2026?at=now');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await response.json()).toEqual({ id: 'BW-2026', by: 'ae.customs', query: { at: 'now' } });
    expect(seenByFastify).toEqual([]);
  });

  it('refuses there too: no token is a 401 problem, a wrong role a 403', async () => {
    const anonymous = await fetch(`${base}/api/v1/echo/x`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toBe('application/problem+json');
    const issuer = await new TokenService(loadConfig({ KP_JWT_SECRET: SECRET })).issue({ username: 'bw.issuer', roles: ['issuing_officer'], participant: 'BW' });
    expect((await fetch(`${base}/api/v1/echo/x`, { headers: { authorization: `Bearer ${issuer}` } })).status).toBe(403);
    expect(seenByFastify).toEqual([]);
  });

  it('answers from a handler that answers at once, and makes its throw or rejection a problem, not a crash', async () => {
    for (let i = 0; i < 2; i++) {
      // the first request checks the token's signature; the second finds it checked
      const response = await get('/api/v1/at-once/BW-2026');
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ id: 'BW-2026', by: 'ae.customs' });
    }
    const thrown = await get('/api/v1/at-once/throws');
    expect(thrown.status).toBe(404);
    expect(thrown.headers.get('content-type')).toBe('application/problem+json');
    expect(((await thrown.json()) as { detail: string }).detail).toBe('There is no such thing.');
    const rejected = await get('/api/v1/at-once/rejects');
    expect(rejected.status).toBe(400);
    expect(((await rejected.json()) as { detail: string }).detail).toBe('Not like that.');
    expect(seenByFastify).toEqual([]);
  });

  it('judges a token it has checked before as it did the first time: a forged one, a wrong role, one that has since expired', async () => {
    const forged = `${token.slice(0, -4)}AAAA`;
    const wrongRole = await tokens.issue({ username: 'bw.issuer', roles: ['issuing_officer'], participant: 'BW' });
    // as TokenService.issue signs, with a life of one second (the configuration allows no less than a minute)
    const shortLived = await new SignJWT({ roles: ['customs_officer'], participant: 'AE' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('ae.customs')
      .setIssuer('kp-platform')
      .setIssuedAt()
      .setExpirationTime('1s')
      .sign(new TextEncoder().encode(SECRET));
    const status = async (t: string) => (await fetch(`${base}/api/v1/at-once/x`, { headers: { authorization: `Bearer ${t}` } })).status;
    for (let i = 0; i < 2; i++) {
      expect(await status(forged)).toBe(401);
      expect(await status(wrongRole)).toBe(403);
    }
    expect(await status(shortLived)).toBe(200);
    // JWT expiry counts whole seconds: past two, it has expired whenever it was issued
    await new Promise((r) => setTimeout(r, 2100));
    expect(await status(shortLived)).toBe(401);
  });

  it('leaves HEAD, other paths and undecodable segments to Fastify', async () => {
    expect((await get('/api/v1/echo/x', { method: 'HEAD' })).status).toBe(200);
    expect((await get('/api/v1/echo/x/more')).status).toBe(404);
    expect(seenByFastify).toEqual(['HEAD /api/v1/echo/x', 'GET /api/v1/echo/x/more']);
    // Fastify refuses a malformed path before its hooks run: its 400, not the front door's answer.
    expect((await get('/api/v1/echo/%E0%A4%A')).status).toBe(400);
  });
});
