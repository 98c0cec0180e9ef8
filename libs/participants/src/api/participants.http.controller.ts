import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { KP_OBSERVERS, SEPARATELY_LISTED_ENTITIES } from '@kp/domain';
import { AuthenticatedUser, CurrentUser, notFound, Public, Roles } from '@kp/kernel';
import { MeasuresHandler, measureView } from '../application/measures.handler';
import { MeasureOrmEntity } from '../infrastructure/measure.orm-entity';
import { ImposeMeasureRequestDto, LiftMeasureRequestDto } from './measure.request.dto';
import { ParticipantOrmEntity } from '../infrastructure/participant.orm-entity';
import { PublicSigningKeyOrmEntity } from '../infrastructure/public-signing-key.orm-entity';
import { PARTICIPANTS } from '../participants.constants';

function summary(p: ParticipantOrmEntity) {
  return {
    code: p.code,
    name: p.name,
    kind: p.kind,
    status: p.status,
    ...(p.members ? { members: p.members } : {}),
    certificateValidityDays: p.certificateValidityDays,
  };
}

@ApiTags('participants')
@Controller('api/v1/participants')
export class ParticipantsHttpController {
  constructor(
    @InjectDataSource(PARTICIPANTS) private readonly dataSource: DataSource,
    private readonly measures: MeasuresHandler,
  ) {}

  @Public()
  @Get()
  async list() {
    const participants = await this.dataSource.getRepository(ParticipantOrmEntity).find({ order: { code: 'ASC' } });
    return { items: participants.map(summary), observers: KP_OBSERVERS, separatelyListed: SEPARATELY_LISTED_ENTITIES };
  }

  @Public()
  @Get(':code')
  async get(@Param('code') code: string) {
    const participant = await this.find(code);
    const measures = await this.dataSource
      .getRepository(MeasureOrmEntity)
      .find({ where: { participant: participant.code }, order: { effectiveFrom: 'ASC' } });
    return { ...summary(participant), authorities: [], measures: measures.map(measureView) };
  }

  @Post(':code/measures')
  @Roles('secretariat')
  imposeMeasure(@CurrentUser() user: AuthenticatedUser, @Param('code') code: string, @Body() body: ImposeMeasureRequestDto) {
    return this.measures.impose(user, code, body);
  }

  @Post(':code/measures/:id/lift')
  @Roles('secretariat')
  @HttpCode(200)
  liftMeasure(
    @CurrentUser() user: AuthenticatedUser,
    @Param('code') code: string,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: LiftMeasureRequestDto,
  ) {
    return this.measures.lift(user, code, id, body);
  }

  /** The participant's certificate signing keys as a JWKS; retired keys stay, so old certificates still check. */
  @Public()
  @Get(':code/jwks')
  async jwks(@Param('code') code: string) {
    const participant = await this.find(code);
    const keys = await this.dataSource
      .getRepository(PublicSigningKeyOrmEntity)
      .find({ where: { participant: participant.code }, order: { validFrom: 'ASC' } });
    return {
      keys: keys.map((k) => ({
        kty: 'OKP',
        crv: 'Ed25519',
        x: k.x,
        kid: k.kid,
        use: 'sig',
        alg: 'Ed25519',
        status: k.status,
        validFrom: k.validFrom.toISOString(),
        ...(k.validTo ? { validTo: k.validTo.toISOString() } : {}),
      })),
    };
  }

  private async find(code: string): Promise<ParticipantOrmEntity> {
    const participant = await this.dataSource
      .getRepository(ParticipantOrmEntity)
      .findOneBy({ code: String(code).toUpperCase() });
    if (!participant) throw notFound('PARTICIPANT_NOT_FOUND', `${code} is not a Kimberley Process participant.`);
    return participant;
  }
}
