// One signed POST under the delivery contract of DESIGN.md "Partner webhooks": JSON body, Rujukan-Event-Id (the
// receiver dedupes by it), Rujukan-Event-Type, Rujukan-Signature over the raw body, no redirects followed, a timeout;
// only a 2xx counts as accepted. Shared by the partner webhooks and the staff message gateway. No framework imports.
import { signatureHeader } from './webhook-signature';

export type SignedPost = {
  url: string;
  // every secret in force (two during a rotation)
  secrets: readonly string[];
  body: string;
  eventId: string;
  eventType: string;
  timeoutMs: number;
};

export type SignedPostResult = { statusCode: number | null; error: string | null; latencyMs: number };

export async function postSigned(p: SignedPost): Promise<SignedPostResult> {
  const started = Date.now();
  let statusCode: number | null = null;
  let error: string | null = null;
  try {
    const res = await fetch(p.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Rujukan-Webhooks/1',
        'rujukan-event-id': p.eventId,
        'rujukan-event-type': p.eventType,
        'rujukan-signature': signatureHeader(p.secrets, p.body, Math.floor(Date.now() / 1000)),
      },
      body: p.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(p.timeoutMs),
    });
    statusCode = res.status;
    await res.arrayBuffer().catch(() => undefined);
    if (res.status < 200 || res.status > 299) error = `HTTP ${res.status}`;
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    error = e.name === 'TimeoutError' ? `no answer in ${p.timeoutMs} ms` : (e.cause?.code ?? e.message);
  }
  return { statusCode, error, latencyMs: Date.now() - started };
}
