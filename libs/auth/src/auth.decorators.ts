import { createParamDecorator, SetMetadata } from '@nestjs/common';
import type { ExecutionContext } from '@nestjs/common';
import type { ApiKey, Role } from './keys';

export const ROLES_KEY = 'trm:roles';
export const PUBLIC_KEY = 'trm:public';

/** Roles allowed on a route; every route under /v1 names its roles (deny by default). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
/** A route anyone may call (only /health and the dashboards' static pages). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export interface AuthenticatedRequest {
  apiKey?: ApiKey;
}

export const CurrentKey = createParamDecorator((_: unknown, ctx: ExecutionContext): ApiKey => {
  return ctx.switchToHttp().getRequest<AuthenticatedRequest>().apiKey!;
});
