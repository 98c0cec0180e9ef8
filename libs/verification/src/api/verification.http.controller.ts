import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { isISO8601, IsInt, IsISO8601, IsNumber, IsObject, IsOptional, IsPositive, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { AuthenticatedUser, CurrentUser, FieldError, InvalidRequestException, Roles } from '@kp/kernel';
import { VerificationAnswer, VerifyCertificateHandler } from '../application/verify-certificate.handler';

/**
 * The GET's query: `at`, the moment to judge the certificate at (now when absent). Checked
 * here by hand rather than by the global ValidationPipe, whose class-transformer and
 * class-validator round cost the hot path more than the whole verdict; the 400 is the same.
 */
export function parseVerifyQuery(query: Record<string, unknown>): { at?: Date } {
  const errors: FieldError[] = [];
  for (const key of Object.keys(query)) if (key !== 'at') errors.push({ field: key, message: `property ${key} should not exist` });
  const at = query.at;
  if (at !== undefined && (typeof at !== 'string' || !isISO8601(at, { strict: true }))) {
    errors.push({ field: 'at', message: 'at must be an ISO 8601 date-time' });
  }
  if (errors.length) throw new InvalidRequestException(errors);
  return { at: at === undefined ? undefined : new Date(at as string) };
}

export class PresentedFieldsDto {
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @IsPositive()
  carats?: number;

  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @IsPositive()
  valueUsd?: number;

  @IsOptional()
  @IsInt()
  @IsPositive()
  parcels?: number;

  @IsOptional()
  @IsString()
  @Length(1, 20)
  hsCode?: string;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  exporterName?: string;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  importerName?: string;
}

/** What the officer holds: the QR text and/or the number, and the fields printed on the paper. */
export class VerifyPresentedRequestDto {
  @IsOptional()
  @IsString()
  @Length(10, 8000)
  qr?: string;

  @IsOptional()
  @Matches(/^[A-Z]{2}-\d{4}-\d{6}$/, { message: 'certificateNumber must look like BW-2026-000042' })
  certificateNumber?: string;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PresentedFieldsDto)
  presented?: PresentedFieldsDto;

  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'at must be an ISO 8601 date-time' })
  at?: string;
}

@ApiTags('verification')
@ApiBearerAuth()
@Controller('api/v1/verify')
export class VerificationHttpController {
  constructor(private readonly verify: VerifyCertificateHandler) {}

  /**
   * The border's hot path. The request is taken whole (@Req) rather than as @Param and
   * @Query: Nest runs the global ValidationPipe on every such argument, which costs more
   * than the verdict; the query's one field is checked by parseVerifyQuery, the user by
   * the guards, as everywhere.
   */
  @Get(':certificateNumber')
  @Roles('customs_officer', 'secretariat', 'issuing_officer')
  @ApiParam({ name: 'certificateNumber', description: 'The certificate number, e.g. BW-2026-000042.' })
  @ApiQuery({ name: 'at', required: false, description: 'The moment to judge the certificate at (ISO 8601); now when absent.' })
  verifyByNumber(
    @Req() request: { user: AuthenticatedUser; params: { certificateNumber: string }; query: Record<string, unknown> },
  ): Promise<VerificationAnswer> {
    return this.verify.execute(request.user, request.params.certificateNumber.slice(0, 64), parseVerifyQuery(request.query).at);
  }

  @Post()
  @HttpCode(200)
  @Roles('customs_officer', 'secretariat', 'issuing_officer')
  verifyPresented(@CurrentUser() user: AuthenticatedUser, @Body() body: VerifyPresentedRequestDto): Promise<VerificationAnswer> {
    return this.verify.verifyPresented(user, { ...body, at: body.at ? new Date(body.at) : undefined });
  }
}
