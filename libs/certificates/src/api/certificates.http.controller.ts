import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { AuthenticatedUser, CurrentUser, KpConfig, Roles } from '@kp/kernel';
import { CertificateLifecycleHandler } from '../application/certificate-lifecycle.handler';
import { GetCertificateHandler } from '../application/get-certificate.handler';
import { IssueCertificateHandler } from '../application/issue-certificate/issue-certificate.handler';
import { ListCertificatesHandler } from '../application/list-certificates.handler';
import { IssueCertificateRequestDto } from './issue-certificate.request.dto';
import { ImportConfirmationRequestDto, ReportLostRequestDto, VoidCertificateRequestDto } from './lifecycle.request.dto';

const STATUSES = ['ISSUED', 'IMPORT_CONFIRMED', 'VOIDED', 'REPORTED_LOST', 'REPORTED_STOLEN'] as const;

export class ListCertificatesQueryDto {
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'participant must be a participant code such as BW or EU' })
  participant?: string;

  @IsOptional()
  @IsIn(STATUSES)
  status?: (typeof STATUSES)[number];

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @IsOptional()
  @IsString()
  cursor?: string;
}

@ApiTags('certificates')
@ApiBearerAuth()
@Controller('api/v1/certificates')
export class CertificatesHttpController {
  constructor(
    private readonly issue: IssueCertificateHandler,
    private readonly get: GetCertificateHandler,
    private readonly list: ListCertificatesHandler,
    private readonly lifecycle: CertificateLifecycleHandler,
    private readonly config: KpConfig,
  ) {}

  @Post()
  @Roles('issuing_officer')
  issueCertificate(@CurrentUser() user: AuthenticatedUser, @Body() body: IssueCertificateRequestDto) {
    return this.issue.execute(user, body);
  }

  @Get()
  @Roles('issuing_officer', 'customs_officer', 'secretariat')
  listCertificates(@CurrentUser() user: AuthenticatedUser, @Query() query: ListCertificatesQueryDto) {
    return this.list.execute(user, query);
  }

  @Get(':number')
  @Roles('issuing_officer', 'customs_officer', 'secretariat')
  getCertificate(@CurrentUser() user: AuthenticatedUser, @Param('number') number: string) {
    return this.get.execute(user, number);
  }

  @Post(':number/void')
  @Roles('issuing_officer')
  voidCertificate(@CurrentUser() user: AuthenticatedUser, @Param('number') number: string, @Body() body: VoidCertificateRequestDto) {
    return this.lifecycle.void(user, number, body);
  }

  @Post(':number/report-lost')
  @Roles('issuing_officer')
  reportLost(@CurrentUser() user: AuthenticatedUser, @Param('number') number: string, @Body() body: ReportLostRequestDto) {
    return this.lifecycle.reportLost(user, number, body);
  }

  @Post(':number/replace')
  @Roles('issuing_officer')
  replace(@CurrentUser() user: AuthenticatedUser, @Param('number') number: string, @Body() body: IssueCertificateRequestDto) {
    return this.issue.execute(user, body, number);
  }

  @Post(':number/import-confirmation')
  @Roles('issuing_officer')
  confirmImport(@CurrentUser() user: AuthenticatedUser, @Param('number') number: string, @Body() body: ImportConfirmationRequestDto) {
    return this.lifecycle.confirmImport(user, number, body, this.config.KP_WEIGHT_TOLERANCE_PERCENT / 100);
  }
}
