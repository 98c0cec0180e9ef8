import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@kp/kernel';
import { FlagsHandler } from '../application/flags.handler';
import { ReportsHandler } from '../application/reports.handler';
import { StatisticsHandler } from '../application/statistics.handler';
import { UnconfirmedImportsHandler } from '../application/unconfirmed-imports.handler';
import { statisticsCsv } from '../domain/statistics';
import {
  ClearMonitoringFlagRequestDto,
  FlagsQueryDto,
  PeriodQueryDto,
  ReportQueryDto,
  ReportsQueryDto,
  RequestReportDto,
  UnconfirmedImportsQueryDto,
} from './monitoring.request.dto';

interface Reply {
  header(name: string, value: string): Reply;
  send(body: unknown): void;
}

/** The secretariat's monitoring: no one else reads it (every route is for the secretariat). */
@ApiTags('monitoring')
@ApiBearerAuth()
@Roles('secretariat')
@Controller('api/v1/monitoring')
export class MonitoringHttpController {
  constructor(
    private readonly statistics: StatisticsHandler,
    private readonly unconfirmed: UnconfirmedImportsHandler,
    private readonly flags: FlagsHandler,
    private readonly reports: ReportsHandler,
  ) {}

  /** Exports counted at issue (by the exporter), imports at import confirmation (by the importer), per quarter and HS code. */
  @Get('statistics')
  @Roles('secretariat')
  getStatistics(@Query() query: PeriodQueryDto) {
    return this.statistics.statistics(query);
  }

  @Get('statistics.csv')
  @Roles('secretariat')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'The statistics as CSV: a header row, one row per item.', content: { 'text/csv': { schema: { type: 'string' } } } })
  async getStatisticsCsv(@Query() query: PeriodQueryDto, @Res() reply: Reply): Promise<void> {
    const { items } = await this.statistics.statistics(query);
    const name = `kp-statistics${query.year ? `-${query.year}` : ''}${query.quarter ? `-Q${query.quarter}` : ''}${query.participant ? `-${query.participant}` : ''}.csv`;
    reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`).send(statisticsCsv(items));
  }

  /** Exports of A to B against imports of B from A, per quarter, with the differences and the unconfirmed certificates. */
  @Get('reconciliation')
  @Roles('secretariat')
  getReconciliation(@Query() query: PeriodQueryDto) {
    return this.statistics.reconciliation(query);
  }

  /** Certificates past expiry plus the grace period with no import confirmation, judged at `at` (default now). */
  @Get('unconfirmed-imports')
  @Roles('secretariat')
  getUnconfirmedImports(@Query() query: UnconfirmedImportsQueryDto) {
    return this.unconfirmed.list(query);
  }

  /** Every red flag across the system with its certificate and reason (default: the open ones). */
  @Get('flags')
  @Roles('secretariat')
  getFlags(@Query() query: FlagsQueryDto) {
    return this.flags.list(query);
  }

  /** Clears one of monitoring's own flags (verification's are cleared at /api/v1/flags/{id}/clear). */
  @Post('flags/:id/clear')
  @Roles('secretariat')
  @HttpCode(200)
  clearFlag(@CurrentUser() user: AuthenticatedUser, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: ClearMonitoringFlagRequestDto) {
    return this.flags.clear(user, id, body.justification);
  }

  /** Asks for a participant's yearly summary; a job computes it. 202 with the report's id. */
  @Post('reports')
  @Roles('secretariat')
  @HttpCode(202)
  requestReport(@CurrentUser() user: AuthenticatedUser, @Body() body: RequestReportDto) {
    return this.reports.request(user, body);
  }

  @Get('reports')
  @Roles('secretariat')
  listReports(@Query() query: ReportsQueryDto) {
    return this.reports.list(query);
  }

  /** The report as JSON (`status` PENDING until computed), or its figures as CSV with `?format=csv`. */
  @Get('reports/:id')
  @Roles('secretariat')
  @ApiProduces('application/json', 'text/csv')
  async getReport(@Param('id', new ParseUUIDPipe()) id: string, @Query() query: ReportQueryDto, @Res() reply: Reply): Promise<void> {
    if (query.format === 'csv') {
      const { filename, csv } = await this.reports.csv(id);
      reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`).send(csv);
      return;
    }
    const report = await this.reports.get(id);
    reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', `inline; filename="kp-${report.participant}-${report.year}-summary.json"`)
      .send(JSON.stringify(report));
  }
}
