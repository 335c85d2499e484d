import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { uuidFrom } from '../common/derived-id';
import type { AuthConfig, OidcConfig } from '../config/auth.config';
import { isPartnerRole, ROLES, type Role } from '../../workflows/definition';
import type { CurrentUserInfo } from './auth.types';
import { UserRepository } from './user.repository';

// Single sign-on (optional, OIDC_JWKS_URL): an RS256 token of the identity provider, verified against its JWKS
// (issuer, audience, expiry), with the role, office and agency taken from its claims. The person gets a local
// account the first time (id derived from issuer and subject, no password), so the audit log and idempotency keys
// name them like anyone else.
@Injectable()
export class OidcService {
  private readonly config: OidcConfig | null;
  private readonly jwks: ReturnType<typeof createRemoteJWKSet> | null;
  private readonly known = new Map<string, string>();

  constructor(
    private readonly users: UserRepository,
    config: ConfigService,
  ) {
    this.config = config.getOrThrow<AuthConfig>('auth').oidc;
    this.jwks = this.config
      ? createRemoteJWKSet(new URL(this.config.jwksUrl), { timeoutDuration: 5000, cooldownDuration: 30_000 })
      : null;
  }

  get enabled(): boolean {
    return this.config !== null;
  }

  // The caller, or null when the token does not pass (the guard answers 401 either way).
  async verify(token: string): Promise<CurrentUserInfo | null> {
    if (!this.config || !this.jwks) return null;
    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jwtVerify(token, this.jwks, {
        issuer: this.config.issuer,
        audience: this.config.audience,
        algorithms: ['RS256'],
      }));
    } catch {
      return null;
    }
    const role = claims[this.config.roleClaim];
    const officeId = claims[this.config.officeClaim] ?? null;
    const agencyId = claims[this.config.agencyClaim] ?? null;
    if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role) || !claims.sub) return null;
    const staff = role === 'CASEWORKER' || role === 'SUPERVISOR' || role === 'HEAD';
    if (staff !== (typeof officeId === 'string') || isPartnerRole(role) !== (typeof agencyId === 'string')) return null;
    const username =
      `${typeof claims.preferred_username === 'string' ? claims.preferred_username : claims.sub}@sso`.slice(0, 200);
    const userId = uuidFrom(`oidc:${this.config.issuer}:${claims.sub}`);
    const user: CurrentUserInfo = {
      userId,
      username,
      role: role as Role,
      officeId: staff ? (officeId as string) : null,
      agencyId: isPartnerRole(role) ? (agencyId as string) : null,
    };
    if (!(await this.provision(user))) return null;
    return user;
  }

  // The local account of an SSO user, kept in step with the claims; false when the office or agency is unknown.
  private async provision(u: CurrentUserInfo): Promise<boolean> {
    const key = `${u.userId}:${u.role}:${u.officeId}:${u.agencyId}`;
    if (this.known.has(key)) return true;
    try {
      await this.users.upsertSso(u);
    } catch {
      return false;
    }
    this.known.set(key, u.userId);
    return true;
  }
}
