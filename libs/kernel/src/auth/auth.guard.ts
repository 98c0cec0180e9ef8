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
 * Who is calling, from the Authorization header, and whether they may: the one check every
 * route makes (the guard below for Nest's routes, the border's direct route too).
 * `roles` empty: any signed-in user; `isPublic`: anyone, signed in or not.
 */
export async function authenticate(
  tokens: TokenService,
  authorization: string | string[] | undefined,
  access: { roles?: readonly Role[]; isPublic?: boolean },
): Promise<AuthenticatedUser | undefined> {
  const token = bearerToken(authorization);
  return authorize(token, token ? await tokens.verify(token) : null, access);
}

/** The bearer token of an Authorization header, if it has one. */
export function bearerToken(authorization: string | string[] | undefined): string | undefined {
  return typeof authorization === 'string' && authorization.startsWith('Bearer ') ? authorization.slice(7).trim() || undefined : undefined;
}

/**
 * `authenticate`'s decision, once the token (if any) is checked: `user` is whom it names,
 * null when it is not a valid token of ours. Throws the 401 or 403.
 */
export function authorize(
  token: string | undefined,
  user: AuthenticatedUser | null,
  { roles, isPublic = false }: { roles?: readonly Role[]; isPublic?: boolean },
): AuthenticatedUser | undefined {
  if (token && !user && !isPublic) throw new UnauthorizedException('The bearer token is invalid or has expired.');
  if (isPublic) return user ?? undefined;
  if (!user) throw new UnauthorizedException('Sign in first: this call needs a bearer token.');
  if (roles?.length && !roles.some((r) => user.roles.includes(r))) {
    throw new ForbiddenException(`This call is for: ${roles.join(', ')}.`);
  }
  return user;
}

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
    const user = await authenticate(this.tokens, request.headers.authorization, {
      isPublic: this.reflector.getAllAndOverride<boolean>(PUBLIC, targets),
      roles: this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets),
    });
    if (user) request.user = user;
    return true;
  }
}
