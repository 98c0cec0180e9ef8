import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@kp/kernel';
import { GetCertificateHandler } from '../application/get-certificate.handler';
import { IssueCertificateHandler } from '../application/issue-certificate/issue-certificate.handler';
import { IssueCertificateRequestDto } from './issue-certificate.request.dto';

@ApiTags('certificates')
@ApiBearerAuth()
@Controller('api/v1/certificates')
export class CertificatesHttpController {
  constructor(
    private readonly issue: IssueCertificateHandler,
    private readonly get: GetCertificateHandler,
  ) {}

  @Post()
  @Roles('issuing_officer')
  issueCertificate(@CurrentUser() user: AuthenticatedUser, @Body() body: IssueCertificateRequestDto) {
    return this.issue.execute(user, body);
  }

  @Get(':number')
  @Roles('issuing_officer', 'customs_officer', 'secretariat')
  getCertificate(@CurrentUser() user: AuthenticatedUser, @Param('number') number: string) {
    return this.get.execute(user, number);
  }
}
