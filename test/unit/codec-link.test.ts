import { CodecLinkService } from '../../src/auth/codec-link.service';
import { readAuthConfig } from '../../src/config/auth.config';

const supervisor = {
  userId: '8b3f0d51-4c2e-4d6f-9071-2e3c4d5e6f02',
  username: 'spv.palu',
  role: 'SUPERVISOR' as const,
  officeId: 'o-1',
  agencyId: null,
};
const service = (secret: string, ttl = '3600') =>
  new CodecLinkService(readAuthConfig({ JWT_SECRET: secret, CODEC_LINK_TTL_SECONDS: ttl }));

describe('CodecLinkService', () => {
  const now = Date.parse('2026-11-29T05:00:00Z');
  const links = service('a'.repeat(32));

  it('should give back the caller a link was issued to, until it expires', () => {
    const { token, expiresAt } = links.issue(supervisor, now);
    expect(expiresAt.toISOString()).toBe('2026-11-29T06:00:00.000Z');
    expect(links.verify(token, now + 3599_000)).toEqual(supervisor);
    expect(links.verify(token, now + 3600_000)).toBeNull();
  });

  it('should refuse a link altered, signed under another secret, or shaped like a JWT', () => {
    const { token } = links.issue(supervisor, now);
    const [body, mac] = token.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
    const promoted = Buffer.from(
      JSON.stringify({ ...claims, role: 'HEAD', exp: (claims.exp as number) + 86400 }),
    ).toString('base64url');
    expect(links.verify(`${promoted}.${mac}`, now)).toBeNull();
    expect(links.verify(`${body}.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`, now)).toBeNull();
    expect(service('b'.repeat(32)).verify(token, now)).toBeNull();
    expect(links.verify(`${token}.x`, now)).toBeNull();
    expect(links.verify('', now)).toBeNull();
    expect(links.verify('not-a-link', now)).toBeNull();
  });

  it('should refuse a link lifetime outside 60 s to 8 h, and default to 1 h', () => {
    expect(readAuthConfig({}).codecLinkTtlSeconds).toBe(3600);
    expect(() => service('a'.repeat(32), '10')).toThrow(/CODEC_LINK_TTL_SECONDS/);
    expect(() => service('a'.repeat(32), '28801')).toThrow(/CODEC_LINK_TTL_SECONDS/);
  });
});
