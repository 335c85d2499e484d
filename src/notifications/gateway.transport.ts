// WhatsApp/SMS to staff through the office's HTTP message gateway: a signed POST under the same delivery contract as
// the partner webhooks (src/partners/signed-post.ts; DESIGN.md "Partner webhooks"), with Rujukan-Event-Id equal to
// the message id, so the gateway can drop a retried or replayed message it has already sent. No framework imports.
import { postSigned } from '../partners/signed-post';
import type { MessageKind, MessageLanguage } from './kinds';

export type GatewayMessage = {
  // the staff message's id (Rujukan-Event-Id and the body's id)
  id: string;
  kind: MessageKind;
  // the recipient's phone, E.164 ("+6281234567890")
  to: string;
  language: MessageLanguage;
  // Rendered.short
  text: string;
  // null for the digest, which is about no one case
  caseId: string | null;
  caseNumber: string | null;
  link: string;
};

export type GatewaySend = {
  url: string;
  // the office's signing secret(s): two while a rotated-out one is still in its grace period
  secrets: readonly string[];
  message: GatewayMessage;
};

export type GatewayResult = { accepted: boolean; response: string; statusCode: number | null; latencyMs: number };

export const DEFAULT_GATEWAY_TIMEOUT_MS = 10_000;

export function gatewayEventType(kind: MessageKind): string {
  return `staff.${kind.toLowerCase()}`;
}

export class GatewayTransport {
  constructor(private readonly timeoutMs = DEFAULT_GATEWAY_TIMEOUT_MS) {}

  // One POST; accepted on a 2xx only. The body is built from the message alone, so every attempt sends the same
  // bytes (the signature's time differs).
  async send({ url, secrets, message }: GatewaySend): Promise<GatewayResult> {
    const { id, kind, to, language, text, caseId, caseNumber, link } = message;
    const body = JSON.stringify({ id, kind, to, language, text, caseId, caseNumber, link });
    const r = await postSigned({
      url,
      secrets,
      body,
      eventId: id,
      eventType: gatewayEventType(kind),
      timeoutMs: this.timeoutMs,
    });
    return {
      accepted: r.error === null,
      response: r.error ?? `HTTP ${r.statusCode}`,
      statusCode: r.statusCode,
      latencyMs: r.latencyMs,
    };
  }
}
