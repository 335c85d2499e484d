import { isLocked, normalisePhone } from '../../src/notifications/notification-rules';

describe('an Indonesian mobile number as people write it', () => {
  it.each([
    ['0812-3456-7890', '+6281234567890'],
    ['+62 812 3456 7890', '+6281234567890'],
    ['6281234567890', '+6281234567890'],
    ['(0812) 3456.7890', '+6281234567890'],
    ['0811 123 456', '+62811123456'],
  ])('should keep %s as %s', (raw, normal) => {
    expect(normalisePhone(raw)).toBe(normal);
  });

  it.each([
    '',
    '12345',
    '+1 202 555 0100',
    '021-555-0100',
    '0812-ABCD-7890',
    '08123456789012345',
    '+62 0812 3456 7890',
  ])('should refuse %j', (raw) => {
    expect(normalisePhone(raw)).toBeNull();
  });
});

describe('which switches a person may not turn off', () => {
  it('should lock e-mail for a breach and both escalations for a supervisor and a head, and nothing else', () => {
    const locked = (['CASEWORKER', 'SUPERVISOR', 'HEAD', 'PARTNER_HEAD', 'ADMIN'] as const).flatMap((role) =>
      (['ASSIGNED', 'REMINDER_80', 'BREACH', 'ESCALATION_1', 'ESCALATION_2', 'DIGEST'] as const).flatMap((kind) =>
        (['EMAIL', 'GATEWAY'] as const).filter((c) => isLocked(role, kind, c)).map((c) => `${role} ${kind} ${c}`),
      ),
    );
    expect(locked).toEqual([
      'SUPERVISOR BREACH EMAIL',
      'SUPERVISOR ESCALATION_1 EMAIL',
      'SUPERVISOR ESCALATION_2 EMAIL',
      'HEAD BREACH EMAIL',
      'HEAD ESCALATION_1 EMAIL',
      'HEAD ESCALATION_2 EMAIL',
    ]);
  });
});
