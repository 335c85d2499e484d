import { canonicalJson, eventHash, GENESIS_HASH } from '../../src/cases/case-timeline';

describe('canonicalJson', () => {
  it('should give the same text for objects whose keys come in another order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }),
    );
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });

  it('should leave out undefined fields', () => {
    expect(canonicalJson({ a: undefined, b: 'x' })).toBe('{"b":"x"}');
  });
});

describe('eventHash', () => {
  const event = {
    caseId: '88807545-e188-4d49-9f82-222a141b89b0',
    seq: 1,
    type: 'case.registered',
    actorId: null,
    actorRole: 'CASEWORKER',
    step: 'REGISTRATION',
    occurredAt: new Date('2026-11-27T00:00:00.000Z'),
    data: { category: 'DEPORTEE' },
  };

  it('should chain: the same event after another previous hash hashes differently', () => {
    const first = eventHash(GENESIS_HASH, event);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(eventHash(GENESIS_HASH, { ...event })).toBe(first);
    expect(eventHash(first, event)).not.toBe(first);
  });

  it('should change when any hashed field changes', () => {
    const base = eventHash(GENESIS_HASH, event);
    expect(eventHash(GENESIS_HASH, { ...event, seq: 2 })).not.toBe(base);
    expect(eventHash(GENESIS_HASH, { ...event, data: { category: 'TPPO_VICTIM' } })).not.toBe(base);
    expect(eventHash(GENESIS_HASH, { ...event, occurredAt: new Date('2026-11-27T00:00:00.001Z') })).not.toBe(base);
  });
});
