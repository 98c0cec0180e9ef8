import { INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { KpConfig } from '../config/kp-config';
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
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}

