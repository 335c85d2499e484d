// Verifies a Rujukan webhook, in plain Node (no dependencies). See docs/partners.md.
//
//   const { verifyRujukanWebhook } = require('./verify-rujukan-webhook');
//   const result = verifyRujukanWebhook({ rawBody, signatureHeader: req.headers['rujukan-signature'], secret });
//   if (!result.ok) return res.writeHead(400).end(result.reason);
//
// rawBody must be the exact bytes received (a string or a Buffer), before any JSON parsing.
'use strict';
const { createHmac, timingSafeEqual } = require('node:crypto');

const DEFAULT_TOLERANCE_SECONDS = 5 * 60;

function verifyRujukanWebhook({
  rawBody,
  signatureHeader,
  secret,
  secrets,
  nowSeconds,
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
}) {
  const keys = secrets || (secret ? [secret] : []);
  if (keys.length === 0) return { ok: false, reason: 'no secret to verify with' };
  if (typeof signatureHeader !== 'string' || signatureHeader.length === 0)
    return { ok: false, reason: 'no Rujukan-Signature header' };
  let timestamp = null;
  const signatures = [];
  for (const part of signatureHeader.split(',')) {
    const eq = part.indexOf('=');
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    if (key === 'v1' && /^[0-9a-f]{64}$/.test(value)) signatures.push(Buffer.from(value, 'hex'));
  }
  if (timestamp === null || signatures.length === 0) return { ok: false, reason: 'malformed Rujukan-Signature header' };
  const now = nowSeconds === undefined ? Math.floor(Date.now() / 1000) : nowSeconds;
  // a replayed old request, or a clock far off: refuse (stale) — and one from the future alike
  if (Math.abs(now - timestamp) > toleranceSeconds) return { ok: false, reason: 'stale timestamp' };
  const body = Buffer.isBuffer(rawBody) ? rawBody : Buffer.from(String(rawBody), 'utf8');
  for (const key of keys) {
    const expected = createHmac('sha256', key).update(`${timestamp}.`).update(body).digest();
    if (signatures.some((s) => s.length === expected.length && timingSafeEqual(s, expected)))
      return { ok: true, timestamp };
  }
  return { ok: false, reason: 'signature does not match' };
}

// Remembers the event ids already handled (Rujukan-Event-Id), so a repeated delivery is acknowledged and ignored.
// In memory here; a real receiver keeps them in its database for at least a day.
class SeenEvents {
  constructor() {
    this.ids = new Set();
  }
  // true the first time an id is seen
  firstTime(eventId) {
    if (this.ids.has(eventId)) return false;
    this.ids.add(eventId);
    return true;
  }
}

module.exports = { verifyRujukanWebhook, SeenEvents, DEFAULT_TOLERANCE_SECONDS };
