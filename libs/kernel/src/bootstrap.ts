import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DynamicModule, Logger, Module, Type } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { KpConfig, loadConfig } from './config/kp-config';
import { fillStandaloneSecrets } from './config/standalone-secrets';
import { createHttpApp, serveConsole } from './http/http-app';
import { KernelModule } from './kernel.module';

export interface ServiceEntry {
  name: string;
  module: Type<unknown>;
}

@Module({})
class KpRootModule {}

/** The root module of a process running these services, one or all. */
export function composeServices(config: KpConfig, services: ServiceEntry[]): DynamicModule {
  return {
    module: KpRootModule,
    imports: [KernelModule.forRoot({ config, services: services.map((s) => s.name) }), ...services.map((s) => s.module)],
  };
}

/** Boots the services as main.ts does, and listens on PORT (0 picks a free port). */
export async function startServices(title: string, services: ServiceEntry[], config: KpConfig): Promise<NestFastifyApplication> {
  if (config.KP_MODE === 'standalone') fillStandaloneSecrets(config);
  const app = await createHttpApp(composeServices(config, services), config, title);
  if (config.KP_MODE === 'standalone') {
    const dir = consoleDir();
    if (!(await serveConsole(app, dir))) new Logger(title).warn(`no web console at ${dir} (npm run build:console builds it)`);
  }
  await app.listen(config.PORT, '0.0.0.0');
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  new Logger(title).log(`listening on http://127.0.0.1:${port} (${config.KP_MODE} mode)`);
  return app;
}

/**
 * Where the built web console is: `<project root>/dist/console`, whether this file runs
 * compiled (dist/libs/kernel/src) or from its TypeScript source (libs/kernel/src, in tests).
 */
export function consoleDir(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return resolve(__dirname, '../../../..', 'dist', 'console');
    dir = parent;
  }
  return join(dir, 'dist', 'console');
}

/** What every main.ts does: read the config, start, and fail loudly (exit 1) if that is impossible. */
export function runMain(title: string, services: ServiceEntry[], defaults: NodeJS.ProcessEnv = {}): void {
  let config: KpConfig;
  try {
    config = loadConfig({ ...defaults, ...process.env });
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  // Shutdown hooks close HTTP, consumers, relays, queues and databases; if one of them
  // hangs (a database already gone, say), the process still ends.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => setTimeout(() => process.exit(1), 15_000).unref());
  }
  startServices(title, services, config).catch((error: unknown) => {
    new Logger(title).error(`could not start: ${(error as Error).stack ?? error}`);
    process.exit(1);
  });
}
