import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { invalid, Roles, ruleViolation } from '@kp/kernel';
import { isCountryCode } from '@kp/domain';
import { SigningKeys } from '../application/signing-keys';
import { CERTIFICATES } from '../certificates.constants';
import { KnownParticipantOrmEntity } from '../infrastructure/known-participant.orm-entity';

/** Key rotation: the certificates service holds the private keys, so it rotates them. */
@ApiTags('certificates')
@ApiBearerAuth()
@Controller('api/v1/certificates/signing-keys')
export class SigningKeysHttpController {
  constructor(
    @InjectDataSource(CERTIFICATES) private readonly dataSource: DataSource,
    private readonly keys: SigningKeys,
  ) {}

  @Post(':participant/rotate')
  @Roles('secretariat', 'admin')
  @HttpCode(200)
  async rotate(@Param('participant') participant: string) {
    if (!isCountryCode(participant)) {
      throw invalid('MALFORMED_PARTICIPANT_CODE', `${participant} is not an ISO 3166-1 alpha-2 code (nor EU).`, {
        errors: [{ field: 'participant', message: 'participant must be an ISO 3166-1 alpha-2 country code or EU' }],
      });
    }
    if (!(await this.dataSource.getRepository(KnownParticipantOrmEntity).existsBy({ code: participant }))) {
      throw ruleViolation('NOT_A_PARTICIPANT', `${participant} is not a Kimberley Process participant.`);
    }
    return this.dataSource.transaction((tx) => this.keys.rotate(tx, participant));
  }
}
