import { ConfigError, readInt, readOptional, readUrl } from './env';

export type AuthConfig = {
  jwtSecret: string;
  tokenTtlSeconds: number;
  // the console's session (refresh token in a cookie): its absolute lifetime, a working shift, however often it is
  // refreshed; and whether its cookie is Secure ('auto': always but over plain http to a loopback address)
  sessionTtlSeconds: number;
  sessionCookieSecure: 'auto' | 'always';
  // how long a personal codec endpoint for the Temporal UI (POST /api/v1/codec-links) stays valid
  codecLinkTtlSeconds: number;
  // consecutive wrong passwords before an account is locked, and for how long
  maxFailedLogins: number;
  lockoutSeconds: number;
  // sign-in attempts allowed per client address per minute
  loginAttemptsPerMinute: number;
  // optional single sign-on: RS256 tokens of an identity provider, checked against its JWKS
  oidc: OidcConfig | null;
};

export type OidcConfig = {
  jwksUrl: string;
  issuer: string;
  audience: string;
  roleClaim: string;
  officeClaim: string;
  agencyClaim: string;
};

// Development default only, refused in production: a real deployment sets JWT_SECRET.
export const DEV_JWT_SECRET = 'rujukan-development-only-jwt-secret';

export function readAuthConfig(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  const secret = readOptional(env, 'JWT_SECRET');
  if (!secret && env.NODE_ENV === 'production')
    throw new ConfigError('JWT_SECRET is not set: production needs a secret of 32 characters or more');
  if (secret && secret.length < 32) throw new ConfigError('JWT_SECRET must be at least 32 characters');
  return {
    jwtSecret: secret ?? DEV_JWT_SECRET,
    // a few seconds only for tests of the console's refresh (test/e2e/console-session.e2e.test.ts)
    tokenTtlSeconds: readInt(env, 'TOKEN_TTL_SECONDS', 900, 3, 86400),
    sessionTtlSeconds: readInt(env, 'SESSION_TTL_SECONDS', 12 * 3600, 60, 7 * 86400),
    sessionCookieSecure: readCookieSecure(env),
    codecLinkTtlSeconds: readInt(env, 'CODEC_LINK_TTL_SECONDS', 3600, 60, 8 * 3600),
    maxFailedLogins: readInt(env, 'LOGIN_MAX_FAILURES', 5, 1, 100),
    lockoutSeconds: readInt(env, 'LOGIN_LOCKOUT_SECONDS', 900, 1, 86400),
    loginAttemptsPerMinute: readInt(env, 'LOGIN_ATTEMPTS_PER_MINUTE', 30, 1, 10000),
    oidc: readOidc(env),
  };
}

function readCookieSecure(env: NodeJS.ProcessEnv): 'auto' | 'always' {
  const value = readOptional(env, 'SESSION_COOKIE_SECURE') ?? 'auto';
  if (value !== 'auto' && value !== 'always')
    throw new ConfigError(`SESSION_COOKIE_SECURE=${value} is neither auto nor always`);
  return value;
}

function readOidc(env: NodeJS.ProcessEnv): OidcConfig | null {
  const jwks = readOptional(env, 'OIDC_JWKS_URL');
  if (!jwks) return null;
  const jwksUrl = readUrl(env, 'OIDC_JWKS_URL', ['http', 'https']);
  const issuer = readOptional(env, 'OIDC_ISSUER');
  if (!issuer) throw new ConfigError('OIDC_ISSUER must be set with OIDC_JWKS_URL: the issuer the tokens must name');
  return {
    jwksUrl,
    issuer,
    audience: readOptional(env, 'OIDC_AUDIENCE') ?? 'rujukan',
    roleClaim: readOptional(env, 'OIDC_ROLE_CLAIM') ?? 'rujukan_role',
    officeClaim: readOptional(env, 'OIDC_OFFICE_CLAIM') ?? 'rujukan_office_id',
    agencyClaim: readOptional(env, 'OIDC_AGENCY_CLAIM') ?? 'rujukan_agency_id',
  };
}
