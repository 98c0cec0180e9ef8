import { Injectable, UnauthorizedException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TokenService, verifyPassword } from '@kp/kernel';
import { UserOrmEntity } from '../infrastructure/user.orm-entity';
import { PARTICIPANTS } from '../participants.constants';

export interface LoginResult {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  user: { username: string; roles: string[]; participant: string | null };
}

// Compared against when the user does not exist, so both paths cost the same.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

@Injectable()
export class LoginHandler {
  constructor(
    @InjectDataSource(PARTICIPANTS) private readonly dataSource: DataSource,
    private readonly tokens: TokenService,
  ) {}

  async execute(username: string, password: string): Promise<LoginResult> {
    const user = await this.dataSource.getRepository(UserOrmEntity).findOneBy({ username });
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok) throw new UnauthorizedException('Wrong username or password.');
    const principal = { username: user.username, roles: user.roles, participant: user.participant };
    return {
      accessToken: await this.tokens.issue(principal),
      tokenType: 'Bearer',
      expiresIn: this.tokens.ttlSeconds,
      user: principal,
    };
  }
}
