import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@kp/kernel';
import { RebuildReadModelHandler } from '../application/rebuild-read-model.handler';

@ApiTags('verification')
@ApiBearerAuth()
@Controller('api/v1/verification/read-model')
export class ReadModelHttpController {
  constructor(private readonly rebuild: RebuildReadModelHandler) {}

  /** Drops the border's read model and replays the topics; it answers once the replay has caught up. */
  @Post('rebuild')
  @Roles('admin')
  @HttpCode(202)
  rebuildReadModel() {
    return this.rebuild.execute();
  }
}
