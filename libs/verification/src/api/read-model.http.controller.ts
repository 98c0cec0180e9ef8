import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { RULESET_VERSION } from '@kp/domain';
import { Roles } from '@kp/kernel';
import { BorderReferenceData } from '../application/border-reference-data';
import { BorderReplica } from '../application/border-replica';
import { RebuildReadModelHandler } from '../application/rebuild-read-model.handler';
import { VERIFICATION } from '../verification.constants';

@ApiTags('verification')
@ApiBearerAuth()
@Controller('api/v1/verification/read-model')
export class ReadModelHttpController {
  constructor(
    private readonly rebuild: RebuildReadModelHandler,
    private readonly replica: BorderReplica,
    private readonly reference: BorderReferenceData,
    @InjectDataSource(VERIFICATION) private readonly dataSource: DataSource,
  ) {}

  /**
   * How the border's read model stands: certificates in the table, and in this instance's
   * memory (`live` false while it loads or reloads, when answers come from the table).
   */
  @Get()
  @Roles('admin', 'secretariat')
  async status() {
    const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n FROM "${VERIFICATION}".certificate_view`);
    return {
      certificates: n,
      inMemory: { live: this.replica.live, certificates: this.replica.size },
      asOf: this.reference.asOf(),
      rulesetVersion: RULESET_VERSION,
    };
  }

  /** Drops the border's read model and replays the topics; it answers once the replay has caught up. */
  @Post('rebuild')
  @Roles('admin')
  @HttpCode(202)
  rebuildReadModel() {
    return this.rebuild.execute();
  }
}
