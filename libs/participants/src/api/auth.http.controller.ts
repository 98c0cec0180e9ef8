import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { Public } from '@kp/kernel';
import { LoginHandler, LoginResult } from '../application/login.handler';

export class LoginRequestDto {
  @IsString()
  @Length(1, 100)
  username!: string;

  @IsString()
  @Length(1, 200)
  password!: string;
}

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthHttpController {
  constructor(private readonly login: LoginHandler) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  signIn(@Body() body: LoginRequestDto): Promise<LoginResult> {
    return this.login.execute(body.username, body.password);
  }
}
