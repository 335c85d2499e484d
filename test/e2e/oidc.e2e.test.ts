// Optional single sign-on: RS256 tokens of an identity provider, verified against a JWKS served on loopback (a local
// key pair), their claims mapped to the role, office and agency.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync, sign as rsaSign, type KeyObject } from 'node:crypto';
import { DEMO_OFFICES } from '../../src/database/seed';
import { startE2eStack, type E2eStack } from '../support/e2e-stack';

const ISSUER = 'https://idp.bp3mi.test/realms/rujukan';

function jwt(privateKey: KeyObject, kid: string, claims: Record<string, unknown>): string {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const head = b64({ alg: 'RS256', typ: 'JWT', kid });
  const body = b64(claims);
  return `${head}.${body}.${rsaSign('sha256', Buffer.from(`${head}.${body}`), privateKey).toString('base64url')}`;
}

describe('single sign-on: RS256 tokens against a JWKS on loopback', () => {
  let sut: E2eStack;
  let jwksServer: Server;
  const good = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const rogue = generateKeyPairSync('rsa', { modulusLength: 2048 });

  beforeAll(async () => {
    jwksServer = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          keys: [{ ...good.publicKey.export({ format: 'jwk' }), kid: 'k1', alg: 'RS256', use: 'sig' }],
        }),
      );
    });
    await new Promise<void>((r) => jwksServer.listen(0, '127.0.0.1', r));
    const jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/jwks`;
    sut = await startE2eStack({ OIDC_JWKS_URL: jwksUrl, OIDC_ISSUER: ISSUER, OIDC_AUDIENCE: 'rujukan' });
  });
  afterAll(async () => {
    await sut?.stop();
    jwksServer?.close();
  });

  const now = () => Math.floor(Date.now() / 1000);
  const claims = (extra: Record<string, unknown> = {}) => ({
    iss: ISSUER,
    aud: 'rujukan',
    sub: 'a1b2c3',
    preferred_username: 'dewi.spv',
    iat: now(),
    exp: now() + 300,
    rujukan_role: 'SUPERVISOR',
    rujukan_office_id: DEMO_OFFICES.sulteng.id,
    ...extra,
  });

  it('should let a supervisor of the identity provider in, with the role and office of the claims', async () => {
    const token = jwt(good.privateKey, 'k1', claims());
    const res = await sut.http('GET', '/api/v1/escalations', undefined, sut.as(token));
    expect(res.status).toBe(200);
    // a supervisor-only route of another kind: the role came from the claim
    const caseRes = await sut.http('POST', '/api/v1/cases', {}, sut.as(token));
    expect(caseRes.status).toBe(422);
    const { rows } = await sut.db.query(
      `SELECT role, office_id, password_hash FROM users WHERE username = 'dewi.spv@sso'`,
    );
    expect(rows).toEqual([{ role: 'SUPERVISOR', office_id: DEMO_OFFICES.sulteng.id, password_hash: '!sso' }]);
    // the SSO account cannot sign in with a password
    expect(
      (await sut.http('POST', '/api/v1/auth/login', { username: 'dewi.spv@sso', password: '!sso' }, sut.as(null)))
        .status,
    ).toBe(401);
    // a caseworker token of the provider may not see the escalation queue
    expect(
      (
        await sut.http(
          'GET',
          '/api/v1/escalations',
          undefined,
          sut.as(
            jwt(
              good.privateKey,
              'k1',
              claims({ sub: 'cw1', preferred_username: 'budi.cw', rujukan_role: 'CASEWORKER' }),
            ),
          ),
        )
      ).status,
    ).toBe(403);
  });

  it('should refuse a token of another key, issuer or audience, an expired one, and unmappable claims', async () => {
    for (const [what, token] of [
      ['another key', jwt(rogue.privateKey, 'k1', claims())],
      ['another issuer', jwt(good.privateKey, 'k1', claims({ iss: 'https://evil.example' }))],
      ['another audience', jwt(good.privateKey, 'k1', claims({ aud: 'someone-else' }))],
      ['expired', jwt(good.privateKey, 'k1', claims({ iat: now() - 3600, exp: now() - 60 }))],
      ['an unknown role', jwt(good.privateKey, 'k1', claims({ rujukan_role: 'ROOT' }))],
      ['staff without an office', jwt(good.privateKey, 'k1', claims({ sub: 'x2', rujukan_office_id: undefined }))],
      [
        'an office that does not exist',
        jwt(good.privateKey, 'k1', claims({ sub: 'x3', rujukan_office_id: '6b1a8a4e-0000-4000-8000-000000000000' })),
      ],
    ] as const) {
      expect({ what, status: (await sut.http('GET', '/api/v1/escalations', undefined, sut.as(token))).status }).toEqual(
        { what, status: 401 },
      );
    }
  });

  it("should still accept the API's own sign-in", async () => {
    expect((await sut.http('GET', '/api/v1/escalations', undefined, sut.as(await sut.login('spv.palu')))).status).toBe(
      200,
    );
  });
});
