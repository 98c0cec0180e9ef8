import {
  CanActivate,
  createParamDecorator,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  SetMetadata,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthenticatedUser, Role } from './roles';
import { TokenService } from './token.service';

const PUBLIC = 'kp:public';
const ROLES_KEY = 'kp:roles';

/** Anyone may call this route, signed in or not. */
export const Public = () => SetMetadata(PUBLIC, true);

/** Only users with one of these roles may call this route (any signed-in user when absent). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

type RequestWithUser = { headers: Record<string, string | string[] | undefined>; user?: AuthenticatedUser };

/** The signed-in user of the request (the guard has checked the token). */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthenticatedUser => {
  return ctx.switchToHttp().getRequest<RequestWithUser>().user!;
});

/**
 * Checks the bearer token on every HTTP route unless it is marked public, then the
 * route's roles. Participant scoping ("only for its own participant") is checked by the
 * use case, which knows whose certificate it is.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<RequestWithUser>();
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC, targets);
    const header = request.headers.authorization;
    const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (token) {
      const user = await this.tokens.verify(token);
      if (user) request.user = user;
      else if (!isPublic) throw new UnauthorizedException('The bearer token is invalid or has expired.');
    }
    if (isPublic) return true;
    if (!request.user) throw new UnauthorizedException('Sign in first: this call needs a bearer token.');
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles?.length && !roles.some((r) => request.user!.roles.includes(r))) {
      throw new ForbiddenException(`This call is for: ${roles.join(', ')}.`);
    }
    return true;
  }
}
