// The signature of DESIGN.md "Partner webhooks": Rujukan-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret,
// "<t>.<raw body>")>. During a secret rotation the header carries one v1 per secret in force, so a partner holding
// either the old or the new secret verifies it. No framework imports.
import { createHmac } from 'node:crypto';

export function signatureHeader(secrets: readonly string[], rawBody: string, unixSeconds: number): string {
  const parts = secrets.map(
    (secret) => `v1=${createHmac('sha256', secret).update(`${unixSeconds}.${rawBody}`).digest('hex')}`,
  );
  return [`t=${unixSeconds}`, ...parts].join(',');
}
