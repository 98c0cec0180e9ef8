import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';
import { AuthenticatedUser, CurrentUser, Roles } from '@kp/kernel';
import { VerificationAnswer, VerifyCertificateHandler } from '../application/verify-certificate.handler';

export class VerifyQueryDto {
  /** The moment to judge the certificate at; now when absent. */
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'at must be an ISO 8601 date-time' })
  at?: string;
}

@ApiTags('verification')
@ApiBearerAuth()
@Controller('api/v1/verify')
export class VerificationHttpController {
  constructor(private readonly verify: VerifyCertificateHandler) {}

  @Get(':certificateNumber')
  @Roles('customs_officer', 'secretariat', 'issuing_officer')
  verifyByNumber(
    @CurrentUser() user: AuthenticatedUser,
    @Param('certificateNumber') certificateNumber: string,
    @Query() query: VerifyQueryDto,
  ): Promise<VerificationAnswer> {
    return this.verify.execute(user, certificateNumber.slice(0, 64), query.at ? new Date(query.at) : undefined);
  }
}
