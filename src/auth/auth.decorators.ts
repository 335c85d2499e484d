import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '../../workflows/definition';
import type { CurrentUserInfo } from './auth.types';

export const IS_PUBLIC = 'rujukan:public';
export const ROLES = 'rujukan:roles';

// No token needed (sign-in, health).
export const Public = () => SetMetadata(IS_PUBLIC, true);
// Only these roles may call.
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): CurrentUserInfo => {
  return ctx.switchToHttp().getRequest<{ user: CurrentUserInfo }>().user;
});
