import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import type { AuthConfig } from '../config/auth.config';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { OidcService } from './oidc.service';

@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService) => ({ secret: config.getOrThrow<AuthConfig>('auth').jwtSecret }),
    }),
  ],
  controllers: [AuthController],
  providers: [AuthService, OidcService, { provide: APP_GUARD, useClass: AuthGuard }],
})
export class AuthModule {}
