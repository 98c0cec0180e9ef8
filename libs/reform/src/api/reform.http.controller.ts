import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Public, Roles } from '@kp/kernel';
import { OpenRecord } from '../application/open-record';
import { ReformService } from '../application/reform.service';
import {
  CommentRequestDto,
  DecisionRequestDto,
  MeetingRequestDto,
  MinutesRequestDto,
  PositionRequestDto,
  SubmitProposalRequestDto,
  TestimonyRequestDto,
} from './reform.request.dto';

@ApiTags('reform')
@ApiBearerAuth()
@Controller('api/v1/reform')
export class ReformHttpController {
  constructor(
    private readonly reform: ReformService,
    private readonly record: OpenRecord,
  ) {}

  @Public()
  @Get('cycles')
  cycles() {
    return this.reform.cycles();
  }

  @Post('proposals')
  @Roles('committee_member', 'chair', 'secretariat')
  submit(@CurrentUser() user: AuthenticatedUser, @Body() body: SubmitProposalRequestDto) {
    return this.reform.submit(user, body);
  }

  @Public()
  @Get('proposals')
  proposals() {
    return this.reform.proposals();
  }

  @Public()
  @Get('proposals/:id')
  proposal(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.reform.proposal(id);
  }

  @Post('proposals/:id/positions')
  @Roles('committee_member', 'chair')
  position(@CurrentUser() user: AuthenticatedUser, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: PositionRequestDto) {
    return this.reform.position(user, id, body);
  }

  @Post('proposals/:id/comments')
  comment(@CurrentUser() user: AuthenticatedUser, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: CommentRequestDto) {
    return this.reform.comment(user, id, body);
  }

  @Post('proposals/:id/decision')
  @Roles('chair')
  decide(@CurrentUser() user: AuthenticatedUser, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: DecisionRequestDto) {
    return this.reform.decide(user, id, body);
  }

  @Public()
  @Get('decisions')
  decisions() {
    return this.reform.decisions();
  }

  @Public()
  @Get('definitions')
  definitions() {
    return this.reform.definitions();
  }

  @Post('testimonies')
  testify(@CurrentUser() user: AuthenticatedUser, @Body() body: TestimonyRequestDto) {
    return this.reform.testify(user, body);
  }

  @Get('testimonies')
  testimonies(@CurrentUser() user: AuthenticatedUser) {
    return this.reform.testimonies(user);
  }

  /** Who saw the identity behind a protected testimony, and when. */
  @Get('testimonies/:id/disclosures')
  @Roles('secretariat')
  disclosures(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.reform.disclosures(id);
  }

  @Post('meetings')
  @Roles('chair', 'secretariat')
  scheduleMeeting(@CurrentUser() user: AuthenticatedUser, @Body() body: MeetingRequestDto) {
    return this.reform.scheduleMeeting(user, body);
  }

  @Public()
  @Get('meetings')
  meetings() {
    return this.reform.meetings();
  }

  @Put('meetings/:id/minutes')
  @Roles('chair', 'secretariat')
  minutes(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: MinutesRequestDto) {
    return this.reform.recordMinutes(id, body.minutes);
  }

  @Public()
  @Get('record')
  async openRecord() {
    return { items: await this.record.entries() };
  }

  @Public()
  @Get('record/verify')
  verifyRecord() {
    return this.record.verify();
  }
}
