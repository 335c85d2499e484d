import { ConfigError, readInt, readOptional } from './env';

export type AuthConfig = { jwtSecret: string; tokenTtlSeconds: number };

// Development default only, refused in production: a real deployment sets JWT_SECRET.
export const DEV_JWT_SECRET = 'rujukan-development-only-jwt-secret';

export function readAuthConfig(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  const secret = readOptional(env, 'JWT_SECRET');
  if (!secret && env.NODE_ENV === 'production') throw new ConfigError('JWT_SECRET is not set: production needs a secret of 32 characters or more');
  if (secret && secret.length < 32) throw new ConfigError('JWT_SECRET must be at least 32 characters');
  return { jwtSecret: secret ?? DEV_JWT_SECRET, tokenTtlSeconds: readInt(env, 'TOKEN_TTL_SECONDS', 900, 60, 86400) };
}
