import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { CurrentUserInfo } from './auth.types';

// Who may call which route is src/auth/access-matrix.ts, not a decorator.

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): CurrentUserInfo => {
  return ctx.switchToHttp().getRequest<{ user: CurrentUserInfo }>().user;
});
