import { CanActivate, ExecutionContext, HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { KpConfig } from '../config/kp-config';
import { AuthenticatedUser } from './roles';

const WINDOW_MS = 60_000;

/**
 * KP_RATE_LIMIT_PER_MINUTE calls per user (per client address when signed out) in a
 * sliding minute, counted by this process; 0 turns it off (load tests). Several
 * instances each count their own share.
 */
@Injectable()
export class RateLimiter {
  private readonly calls = new Map<string, number[]>();
  private lastSweep = Date.now();

  constructor(private readonly config: KpConfig) {}

  /** Counts a call of this user (or, signed out, of its address); throws 429 past the limit. */
  take(request: { user?: AuthenticatedUser; ip?: string }): void {
    const limit = this.config.KP_RATE_LIMIT_PER_MINUTE;
    if (limit === 0) return;
    // request.ip is read only when needed: behind a trusted proxy it parses X-Forwarded-For.
    const key = request.user ? `user:${request.user.username}` : `ip:${request.ip ?? 'unknown'}`;
    const now = Date.now();
    const recent = (this.calls.get(key) ?? []).filter((t) => now - t < WINDOW_MS);
    if (recent.length >= limit) {
      const retryAfter = Math.ceil((WINDOW_MS - (now - recent[0])) / 1000);
      throw new HttpException(`Rate limit of ${limit} calls a minute reached; try again in ${retryAfter} s.`, HttpStatus.TOO_MANY_REQUESTS);
    }
    recent.push(now);
    this.calls.set(key, recent);
    if (now - this.lastSweep > WINDOW_MS) this.sweep(now);
  }

  private sweep(now: number): void {
    this.lastSweep = now;
    for (const [key, times] of this.calls) if (!times.some((t) => now - t < WINDOW_MS)) this.calls.delete(key);
  }
}

/** The rate limit on Nest's routes. Runs after the auth guard, so it knows the user. */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(private readonly limiter: RateLimiter) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    this.limiter.take(context.switchToHttp().getRequest<{ user?: AuthenticatedUser; ip?: string }>());
    return true;
  }
}
