import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsNumber, IsObject, IsOptional, IsPositive, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { AuthenticatedUser, CurrentUser, Roles } from '@kp/kernel';
import { VerificationAnswer, VerifyCertificateHandler } from '../application/verify-certificate.handler';

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
/** POST /api/v1/verify; the GET by number, the border's hot path, is served by BorderRoute. */
@Controller('api/v1/verify')
export class VerificationHttpController {
  constructor(private readonly verify: VerifyCertificateHandler) {}

  @Post()
  @HttpCode(200)
  @Roles('customs_officer', 'secretariat', 'issuing_officer')
  verifyPresented(@CurrentUser() user: AuthenticatedUser, @Body() body: VerifyPresentedRequestDto): Promise<VerificationAnswer> {
    return this.verify.verifyPresented(user, { ...body, at: body.at ? new Date(body.at) : undefined });
  }
}
