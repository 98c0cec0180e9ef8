import { Injectable } from '@nestjs/common';
import { jwtVerify, SignJWT } from 'jose';
import { KpConfig } from '../config/kp-config';
import { AuthenticatedUser, Role, ROLES } from './roles';

const ISSUER = 'kp-platform';

/**
 * Bearer tokens: HS256 JWTs signed with the platform's secret, which every service
 * holds, so any service checks a token without asking the one that issued it.
 */
@Injectable()
export class TokenService {
  private readonly key: Uint8Array;

  constructor(private readonly config: KpConfig) {
    if (!config.KP_JWT_SECRET) throw new Error('KP_JWT_SECRET is not set');
    this.key = new TextEncoder().encode(config.KP_JWT_SECRET);
  }

  get ttlSeconds(): number {
    return this.config.KP_JWT_TTL_SECONDS;
  }

  async issue(user: AuthenticatedUser): Promise<string> {
    return new SignJWT({ roles: user.roles, participant: user.participant })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.username)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(`${this.config.KP_JWT_TTL_SECONDS}s`)
      .sign(this.key);
  }

  /** The user the token names, or null when it is not a valid, unexpired token of ours. */
  async verify(token: string): Promise<AuthenticatedUser | null> {
    const cached = this.alreadyChecked(token);
    if (cached) return cached;
    const user = await this.check(token);
    if (user) {
      if (this.checked.size >= 10_000) this.checked.delete(this.checked.keys().next().value!);
      this.checked.set(token, user);
    }
    return user?.user ?? null;
  }

  /**
   * The user of a token checked before and not expired since, without waiting; undefined
   * when `verify` must check it. A border post sends the same token thousands of times.
   */
  alreadyChecked(token: string): AuthenticatedUser | undefined {
    const cached = this.checked.get(token);
    if (!cached) return undefined;
    if (cached.expiresAt > Date.now()) return cached.user;
    this.checked.delete(token);
    return undefined;
  }

  private readonly checked = new Map<string, { user: AuthenticatedUser; expiresAt: number }>();

  private async check(token: string): Promise<{ user: AuthenticatedUser; expiresAt: number } | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, algorithms: ['HS256'] });
      const roles = Array.isArray(payload.roles)
        ? (payload.roles.filter((r) => (ROLES as readonly string[]).includes(r as string)) as Role[])
        : [];
      if (!payload.sub || !payload.exp) return null;
      return {
        user: { username: payload.sub, roles, participant: typeof payload.participant === 'string' ? payload.participant : null },
        expiresAt: payload.exp * 1000,
      };
    } catch {
      return null;
    }
  }
}
