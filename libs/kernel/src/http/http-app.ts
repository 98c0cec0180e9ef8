import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import { INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { KpConfig } from '../config/kp-config';
import { directRouteDocs } from './direct-route';
import { createValidationPipe } from './validation';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/**
 * Builds a service's HTTP application the same way in every process (one service or
 * all of them): Fastify, validation, problem details, OpenAPI at /api/docs.
 */
export async function createHttpApp(rootModule: unknown, config: KpConfig, title: string): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    rootModule as never,
    new FastifyAdapter({ bodyLimit: 1024 * 1024, trustProxy: true }),
    { logger: LEVELS.slice(0, LEVELS.indexOf(config.LOG_LEVEL) + 1), bufferLogs: false },
  );
  configureHttpApp(app, title);
  return app;
}

export function configureHttpApp(app: INestApplication, title: string): void {
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(title)
      .setDescription('Kimberley Process certificates: issue, verify at the border, monitor, reform.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  // Direct routes (served by Fastify outside Nest's router) are documented beside the rest.
  for (const [path, item] of Object.entries(directRouteDocs())) document.paths[path] = { ...document.paths[path], ...item };
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}

/**
 * Serves the built web console (`dir/index.html` and its assets) at `/`, if it was built.
 * One route per file (`wildcard: false`), so every API path keeps its own handler; the
 * console routes by the URL's hash, so no fallback to index.html is needed.
 */
export async function serveConsole(app: NestFastifyApplication, dir: string): Promise<boolean> {
  if (!existsSync(join(dir, 'index.html'))) return false;
  await app.register(fastifyStatic, {
    root: dir,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    decorateReply: false,
    cacheControl: false,
    // Hashed file names under assets/ never change; index.html is asked again each time.
    setHeaders: (res, path) => {
      res.setHeader('cache-control', path.startsWith(join(dir, 'assets')) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  return true;
}
