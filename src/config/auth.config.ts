import { ConfigError, readInt, readOptional } from './env';

export type AuthConfig = {
  jwtSecret: string;
  tokenTtlSeconds: number;
  // consecutive wrong passwords before an account is locked, and for how long
  maxFailedLogins: number;
  lockoutSeconds: number;
  // sign-in attempts allowed per client address per minute
  loginAttemptsPerMinute: number;
};

// Development default only, refused in production: a real deployment sets JWT_SECRET.
export const DEV_JWT_SECRET = 'rujukan-development-only-jwt-secret';

export function readAuthConfig(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  const secret = readOptional(env, 'JWT_SECRET');
  if (!secret && env.NODE_ENV === 'production') throw new ConfigError('JWT_SECRET is not set: production needs a secret of 32 characters or more');
  if (secret && secret.length < 32) throw new ConfigError('JWT_SECRET must be at least 32 characters');
  return {
    jwtSecret: secret ?? DEV_JWT_SECRET,
    tokenTtlSeconds: readInt(env, 'TOKEN_TTL_SECONDS', 900, 60, 86400),
    maxFailedLogins: readInt(env, 'LOGIN_MAX_FAILURES', 5, 1, 100),
    lockoutSeconds: readInt(env, 'LOGIN_LOCKOUT_SECONDS', 900, 1, 86400),
    loginAttemptsPerMinute: readInt(env, 'LOGIN_ATTEMPTS_PER_MINUTE', 30, 1, 10000),
  };
}
