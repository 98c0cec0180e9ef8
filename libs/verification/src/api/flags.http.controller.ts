import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { AuthenticatedUser, CurrentUser, Roles } from '@kp/kernel';
import { Flags } from '../application/flags';

export class ClearFlagRequestDto {
  @IsString()
  @Length(3, 2000)
  justification!: string;
}

export class ListFlagsQueryDto {
  @IsOptional()
  @IsIn(['open', 'cleared', 'all'])
  status?: 'open' | 'cleared' | 'all';

  @IsOptional()
  @Matches(/^[A-Z]{2}-\d{4}-\d{6}$/, { message: 'certificateNumber must look like BW-2026-000042' })
  certificateNumber?: string;
}

@ApiTags('verification')
@ApiBearerAuth()
@Controller('api/v1/flags')
export class FlagsHttpController {
  constructor(private readonly flags: Flags) {}

  @Get()
  @Roles('secretariat')
  list(@Query() query: ListFlagsQueryDto) {
    return this.flags.list(query.status ?? 'open', query.certificateNumber);
  }

  @Post(':id/clear')
  @Roles('secretariat')
  @HttpCode(200)
  clear(@CurrentUser() user: AuthenticatedUser, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: ClearFlagRequestDto) {
    return this.flags.clear(user, id, body.justification);
  }
}
