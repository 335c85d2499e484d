import {
  canonicalJson,
  eventHash,
  GENESIS_HASH,
  verifyChain,
  type StoredCaseEvent,
} from '../../src/cases/case-timeline';

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

describe('verifyChain', () => {
  const caseId = '88807545-e188-4d49-9f82-222a141b89b0';
  function chain(n: number): StoredCaseEvent[] {
    const out: StoredCaseEvent[] = [];
    let prev = GENESIS_HASH;
    for (let seq = 1; seq <= n; seq += 1) {
      const e = {
        caseId,
        seq,
        type: `t${seq}`,
        actorId: null,
        actorRole: 'SYSTEM',
        step: 'SCREENING',
        occurredAt: new Date(Date.UTC(2026, 10, 27, 0, seq)),
        data: { n: seq },
      };
      const hash = eventHash(prev, e);
      out.push({ ...e, prevHash: prev, hash });
      prev = hash;
    }
    return out;
  }

  it('should accept an untouched chain, and an empty one', () => {
    expect(verifyChain(chain(5))).toEqual({ valid: true, checkedEvents: 5, brokenAt: null });
    expect(verifyChain([])).toEqual({ valid: true, checkedEvents: 0, brokenAt: null });
  });

  it('should report the first altered event', () => {
    const events = chain(5);
    events[2] = { ...events[2]!, data: { n: 99 } };
    expect(verifyChain(events)).toEqual({
      valid: false,
      checkedEvents: 2,
      brokenAt: { seq: 3, reason: 'HASH_MISMATCH' },
    });
  });

  it('should catch an event whose hash was recomputed to hide an edit (the next one no longer points at it)', () => {
    const events = chain(4);
    const edited = { ...events[1]!, type: 'forged' };
    events[1] = { ...edited, hash: eventHash(edited.prevHash, edited) };
    expect(verifyChain(events).brokenAt).toEqual({ seq: 3, reason: 'PREVIOUS_HASH_MISMATCH' });
  });

  it('should catch a removed event', () => {
    const events = chain(4);
    events.splice(1, 1);
    expect(verifyChain(events).brokenAt).toEqual({ seq: 3, reason: 'SEQUENCE_GAP' });
  });
});
