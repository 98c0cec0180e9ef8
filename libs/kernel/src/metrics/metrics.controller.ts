import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { collectDefaultMetrics, register } from 'prom-client';
import { Public } from '../auth/auth.guard';

let collecting = false;

/** Prometheus metrics: the process's own, and whatever the services register. */
@ApiExcludeController()
@Controller()
export class MetricsController {
  constructor() {
    if (!collecting) {
      collectDefaultMetrics({ prefix: 'kp_' });
      collecting = true;
    }
  }

  @Public()
  @Get('metrics')
  @Header('content-type', register.contentType)
  metrics(): Promise<string> {
    return register.metrics();
  }
}
