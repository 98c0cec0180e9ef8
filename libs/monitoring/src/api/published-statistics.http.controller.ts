import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@kp/kernel';
import { StatisticsHandler } from '../application/statistics.handler';
import { PublishedStatisticsQueryDto } from './monitoring.request.dto';

/**
 * The one monitoring view observers may read: a closed year's totals per participant,
 * as the KP publishes them. Everything else in monitoring is the secretariat's alone.
 */
@ApiTags('monitoring')
@ApiBearerAuth()
@Controller('api/v1/monitoring')
export class PublishedStatisticsHttpController {
  constructor(private readonly statistics: StatisticsHandler) {}

  @Get('published-statistics')
  @Roles('secretariat', 'observer')
  getPublished(@Query() query: PublishedStatisticsQueryDto) {
    return this.statistics.published(query.year);
  }
}
