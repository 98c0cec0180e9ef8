import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@kp/kernel';
import { CertificateDocumentsHandler } from '../application/certificate-documents.handler';

interface Reply {
  header(name: string, value: string): Reply;
  send(body: unknown): void;
}

@ApiTags('certificates')
@ApiBearerAuth()
@Controller('api/v1/certificates')
export class CertificateDocumentsHttpController {
  constructor(private readonly documents: CertificateDocumentsHandler) {}

  /** The printable certificate: every Annex I field and the QR code; rendered on the first request and kept. */
  @Get(':number/pdf')
  @Roles('issuing_officer', 'customs_officer', 'secretariat')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The certificate as an A4 PDF.', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  @ApiResponse({ status: 503, description: 'The PDF could not be rendered in time; ask again.' })
  async pdf(@CurrentUser() user: AuthenticatedUser, @Param('number') number: string, @Res() reply: Reply): Promise<void> {
    const pdf = await this.documents.pdf(user, number);
    reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="${number}.pdf"`)
      .header('cache-control', 'private, no-cache')
      .send(pdf);
  }
}
