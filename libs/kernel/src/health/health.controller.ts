import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ApiExcludeController } from '@nestjs/swagger';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.guard';
import { EventBus } from '../messaging/event-bus';
import { KERNEL_SERVICES } from '../kernel.tokens';

interface Reply {
  status(code: number): Reply;
  send(body: unknown): void;
}

/** 200 when every database this process uses answers and the bus is up; 503 otherwise. */
@ApiExcludeController()
@Controller()
export class HealthController {
  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly bus: EventBus,
    @Inject(KERNEL_SERVICES) private readonly services: string[],
  ) {}

  @Public()
  @Get('health')
  async health(@Res() reply: Reply): Promise<void> {
    const databases: Record<string, 'up' | 'down'> = {};
    await Promise.all(
      this.services.map(async (service) => {
        try {
          const ds = this.moduleRef.get<DataSource>(getDataSourceToken(service), { strict: false });
          await ds.query('SELECT 1');
          databases[service] = 'up';
        } catch {
          databases[service] = 'down';
        }
      }),
    );
    const bus = this.bus.isReady() ? 'up' : 'down';
    const ok = bus === 'up' && Object.values(databases).every((s) => s === 'up');
    reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable', services: this.services, databases, bus });
  }
}
