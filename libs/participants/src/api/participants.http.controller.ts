import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { inForce, KP_OBSERVERS, SEPARATELY_LISTED_ENTITIES } from '@kp/domain';
import { AuthenticatedUser, CurrentUser, notFound, Public, Roles } from '@kp/kernel';
import { AuthoritiesHandler, authorityView } from '../application/authorities.handler';
import { MeasuresHandler, measureView } from '../application/measures.handler';
import { AuthorityOrmEntity } from '../infrastructure/authority.orm-entity';
import { UpdateAuthorityRequestDto } from './authority.request.dto';
import { MeasureOrmEntity } from '../infrastructure/measure.orm-entity';
import { ImposeMeasureRequestDto, LiftMeasureRequestDto } from './measure.request.dto';
import { ParticipantOrmEntity } from '../infrastructure/participant.orm-entity';
import { PublicSigningKeyOrmEntity } from '../infrastructure/public-signing-key.orm-entity';
import { PARTICIPANTS } from '../participants.constants';

/** SUSPENDED while a suspension is in force, derived rather than stored so it can never lag the measures. */
function summary(p: ParticipantOrmEntity, measures: MeasureOrmEntity[]) {
  const now = new Date();
  const suspended = measures.some((m) => m.participant === p.code && m.kind === 'SUSPENSION' && inForce(m, now));
  return {
    code: p.code,
    name: p.name,
    kind: p.kind,
    status: suspended ? ('SUSPENDED' as const) : p.status,
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
    private readonly authorities: AuthoritiesHandler,
  ) {}

  @Public()
  @Get()
  async list() {
    const [participants, suspensions] = await Promise.all([
      this.dataSource.getRepository(ParticipantOrmEntity).find({ order: { code: 'ASC' } }),
      this.dataSource.getRepository(MeasureOrmEntity).findBy({ kind: 'SUSPENSION' }),
    ]);
    return { items: participants.map((p) => summary(p, suspensions)), observers: KP_OBSERVERS, separatelyListed: SEPARATELY_LISTED_ENTITIES };
  }

  @Public()
  @Get(':code')
  async get(@Param('code') code: string) {
    const participant = await this.find(code);
    const measures = await this.dataSource
      .getRepository(MeasureOrmEntity)
      .find({ where: { participant: participant.code }, order: { effectiveFrom: 'ASC' } });
    const authorities = await this.dataSource
      .getRepository(AuthorityOrmEntity)
      .find({ where: { participant: participant.code }, order: { kind: 'ASC' } });
    return { ...summary(participant, measures), authorities: authorities.map(authorityView), measures: measures.map(measureView) };
  }

  @Put(':code/authorities/:kind')
  @Roles('secretariat')
  updateAuthority(@Param('code') code: string, @Param('kind') kind: string, @Body() body: UpdateAuthorityRequestDto) {
    return this.authorities.update(code, kind, body);
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
