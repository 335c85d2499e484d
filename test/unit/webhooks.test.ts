// The webhook signature as we send it and as docs/partners.md tells partners to check it (with the very function
// the partners' guide ships), the secret box, and what a payload may carry.
import { buildWebhookEvent, permittedFields } from '../../src/partners/notification-payload';
import { newSigningSecret, SecretBox } from '../../src/partners/secret-box';
import { signatureHeader } from '../../src/partners/webhook-signature';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { verifyRujukanWebhook, SeenEvents } = require('../../docs/verify-rujukan-webhook.js') as {
  verifyRujukanWebhook: (args: {
    rawBody: string | Buffer;
    signatureHeader?: string;
    secret?: string;
    secrets?: string[];
    nowSeconds?: number;
  }) => { ok: boolean; reason?: string };
  SeenEvents: new () => { firstTime: (id: string) => boolean };
};

describe('webhook signatures', () => {
  const secret = newSigningSecret();
  const body = JSON.stringify({
    id: 'e1',
    type: 'referral.sent',
    occurredAt: '2026-11-28T00:00:00.000Z',
    caseNumber: 'SULTENG-2026-000001',
    data: {},
  });
  const now = 1_795_000_000;

  it('should verify with the agency secret and fail with any other, or with a changed body', () => {
    const header = signatureHeader([secret], body, now);
    expect(header).toMatch(/^t=1795000000,v1=[0-9a-f]{64}$/);
    expect(verifyRujukanWebhook({ rawBody: body, signatureHeader: header, secret, nowSeconds: now })).toEqual({
      ok: true,
      timestamp: now,
    });
    expect(
      verifyRujukanWebhook({ rawBody: body, signatureHeader: header, secret: newSigningSecret(), nowSeconds: now }),
    ).toEqual({ ok: false, reason: 'signature does not match' });
    expect(
      verifyRujukanWebhook({ rawBody: body.replace('e1', 'e2'), signatureHeader: header, secret, nowSeconds: now }).ok,
    ).toBe(false);
    expect(
      verifyRujukanWebhook({ rawBody: Buffer.from(body), signatureHeader: header, secret, nowSeconds: now }).ok,
    ).toBe(true);
  });

  it('should verify with either secret during a rotation', () => {
    const old = newSigningSecret();
    const header = signatureHeader([secret, old], body, now);
    expect(verifyRujukanWebhook({ rawBody: body, signatureHeader: header, secret, nowSeconds: now }).ok).toBe(true);
    expect(verifyRujukanWebhook({ rawBody: body, signatureHeader: header, secret: old, nowSeconds: now }).ok).toBe(
      true,
    );
    expect(
      verifyRujukanWebhook({ rawBody: body, signatureHeader: header, secret: newSigningSecret(), nowSeconds: now }).ok,
    ).toBe(false);
  });

  it('should reject a timestamp older than 5 minutes (or as far in the future), and a malformed header', () => {
    const header = signatureHeader([secret], body, now);
    expect(verifyRujukanWebhook({ rawBody: body, signatureHeader: header, secret, nowSeconds: now + 300 }).ok).toBe(
      true,
    );
    expect(verifyRujukanWebhook({ rawBody: body, signatureHeader: header, secret, nowSeconds: now + 301 })).toEqual({
      ok: false,
      reason: 'stale timestamp',
    });
    expect(verifyRujukanWebhook({ rawBody: body, signatureHeader: header, secret, nowSeconds: now - 301 }).ok).toBe(
      false,
    );
    for (const bad of [undefined, '', 'v1=abc', `t=${now}`, 't=x,v1=' + '0'.repeat(64)]) {
      expect(verifyRujukanWebhook({ rawBody: body, signatureHeader: bad, secret, nowSeconds: now }).ok).toBe(false);
    }
  });

  it('should let a receiver ignore an event id it has seen', () => {
    const seen = new SeenEvents();
    expect(seen.firstTime('e1')).toBe(true);
    expect(seen.firstTime('e1')).toBe(false);
    expect(seen.firstTime('e2')).toBe(true);
  });
});

describe('SecretBox', () => {
  it('should open what it sealed, refuse a changed or foreign box, and never store the secret in clear', () => {
    const box = new SecretBox('a-key-of-at-least-thirty-two-characters');
    const sealed = box.seal('whsec_abc');
    expect(sealed).not.toContain('whsec_abc');
    expect(box.open(sealed)).toBe('whsec_abc');
    expect(box.seal('whsec_abc')).not.toBe(sealed); // a fresh IV each time
    expect(() => new SecretBox('another-key-of-at-least-thirty-two-chars').open(sealed)).toThrow();
    const [v, iv, tag, data] = sealed.split(':');
    const flipped = `${data![0] === 'A' ? 'B' : 'A'}${data!.slice(1)}`;
    expect(() => box.open([v, iv, tag, flipped].join(':'))).toThrow();
  });
});

describe('webhook payload', () => {
  const profile = {
    age: 31,
    sex: 'F',
    language: 'id',
    riskTier: 'HIGH',
    fullName: 'Siti',
    nationalId: '7271015705940001',
    phone: '+62812',
    homeRegion: { province: 'Sulawesi Tengah' },
  };

  it('should carry a field only when both the allow-list and the consent permit it', () => {
    expect(permittedFields(['age', 'sex', 'fullName', 'phone'], null)).toEqual(['age', 'sex']);
    expect(permittedFields(['age', 'sex', 'fullName', 'phone'], ['IDENTITY'])).toEqual(['age', 'sex', 'fullName']);
    expect(permittedFields(['age'], ['IDENTITY', 'CONTACT'])).toEqual(['age']);
    expect(permittedFields([], ['IDENTITY', 'CONTACT'])).toEqual([]);
  });

  it('should build the DESIGN.md body with the permitted fields only', () => {
    const event = buildWebhookEvent({
      eventId: 'e1',
      type: 'referral.sent',
      occurredAt: '2026-11-28T00:00:00.000Z',
      caseNumber: 'SULTENG-2026-000001',
      eventData: { referralId: 'r1', services: ['SHELTER'] },
      profile,
      allowedFields: ['age', 'sex', 'fullName', 'riskTier'],
      consent: { id: 'c1', dataCategories: ['HEALTH'] },
    });
    expect(event).toEqual({
      id: 'e1',
      type: 'referral.sent',
      occurredAt: '2026-11-28T00:00:00.000Z',
      caseNumber: 'SULTENG-2026-000001',
      data: {
        referralId: 'r1',
        services: ['SHELTER'],
        consentId: 'c1',
        returnee: { age: 31, sex: 'F', riskTier: 'HIGH' },
      },
    });
    const text = JSON.stringify(event);
    for (const secret of ['Siti', '7271015705940001', '+62812']) expect(text).not.toContain(secret);
  });
});
