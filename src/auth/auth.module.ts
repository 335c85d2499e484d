import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import type { AuthConfig } from '../config/auth.config';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { CodecLinkService } from './codec-link.service';
import { OidcService } from './oidc.service';
import { SessionRepository } from './session.repository';
import { SessionService } from './session.service';

@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [ConfigService],
      // A KeyObject made once: given the secret as a string, jsonwebtoken first tries (and fails) to read it as a
      // public key on every verify, which showed as the API's top function in a profile of bench:throughput.
      useFactory: (config: ConfigService) => {
        const key = createSecretKey(Buffer.from(config.getOrThrow<AuthConfig>('auth').jwtSecret, 'utf8'));
        return { secretOrKeyProvider: () => key };
      },
    }),
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    OidcService,
    SessionService,
    SessionRepository,
    {
      provide: CodecLinkService,
      inject: [ConfigService],
      useFactory: (config: ConfigService) => new CodecLinkService(config.getOrThrow<AuthConfig>('auth')),
    },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [CodecLinkService],
})
export class AuthModule {}
