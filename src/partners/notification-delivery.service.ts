import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { PartnersConfig } from '../config/partners.config';
import type { NotificationType } from '../../workflows/types';
import { buildWebhookEvent, type Profile } from './notification-payload';
import { SecretBox } from './secret-box';
import { signatureHeader } from './webhook-signature';

export type DeliveryTarget = {
  deliveryId: string;
  eventId: string;
  caseId: string;
  type: NotificationType;
  agencyId: string | null;
  hasEndpoint: boolean;
};

export type AttemptResult = { ok: true; statusCode: number; attempts: number } | { ok: false; statusCode: number | null; error: string; attempts: number };

type DeliveryRow = {
  id: string;
  event_id: string;
  case_id: string;
  type: NotificationType;
  agency_id: string | null;
  data: Record<string, unknown>;
  body: string | null;
  occurred_at: Date;
  webhook_url: string | null;
  secret_sealed: string | null;
  previous_secret_sealed: string | null;
  previous_secret_until: Date | null;
  allowed_fields: string[];
};

// Signed webhooks to partner agencies (DESIGN.md "Partner webhooks"), one attempt at a time: the notification
// workflow retries them with backoff. Every attempt is recorded; the body is fixed at the first attempt so every
// retry and replay sends the same bytes under the same Rujukan-Event-Id.
@Injectable()
export class NotificationDeliveryService {
  private readonly config: PartnersConfig;
  private readonly box: SecretBox;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    config: ConfigService,
  ) {
    this.config = config.getOrThrow<PartnersConfig>('partners');
    this.box = new SecretBox(this.config.secretsKey);
  }

  retryPolicy(): { budgetMs: number; firstRetryMs: number; maxIntervalMs: number; timeoutMs: number } {
    return {
      budgetMs: Math.round(this.config.webhookRetryBudgetSeconds * 1000),
      firstRetryMs: Math.round(this.config.webhookFirstRetrySeconds * 1000),
      maxIntervalMs: Math.round(this.config.webhookMaxRetryIntervalSeconds * 1000),
      timeoutMs: this.config.webhookTimeoutMs,
    };
  }

  async target(eventId: string): Promise<DeliveryTarget | null> {
    const row = await this.row(eventId);
    if (!row) return null;
    return { deliveryId: row.id, eventId: row.event_id, caseId: row.case_id, type: row.type, agencyId: row.agency_id, hasEndpoint: Boolean(row.webhook_url && row.secret_sealed) };
  }

  // One POST. Resolves on a 2xx; otherwise resolves with the failure, for the caller to throw (and be retried).
  async attempt(eventId: string): Promise<AttemptResult> {
    const row = await this.row(eventId);
    if (!row || !row.webhook_url || !row.secret_sealed) throw new Error(`delivery ${eventId} has no endpoint`);
    const body = row.body ?? (await this.fixBody(row));
    const secrets = [this.box.open(row.secret_sealed)];
    if (row.previous_secret_sealed && row.previous_secret_until && row.previous_secret_until.getTime() > Date.now()) {
      secrets.push(this.box.open(row.previous_secret_sealed));
    }
    const started = Date.now();
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(row.webhook_url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Rujukan-Webhooks/1',
          'rujukan-event-id': row.event_id,
          'rujukan-event-type': row.type,
          'rujukan-signature': signatureHeader(secrets, body, Math.floor(Date.now() / 1000)),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.config.webhookTimeoutMs),
      });
      statusCode = res.status;
      await res.arrayBuffer().catch(() => undefined);
      if (res.status < 200 || res.status > 299) error = `HTTP ${res.status}`;
    } catch (err) {
      const e = err as Error & { cause?: { code?: string } };
      error = e.name === 'TimeoutError' ? `no answer in ${this.config.webhookTimeoutMs} ms` : (e.cause?.code ?? e.message);
    }
    const latency = Date.now() - started;
    // (an UPDATE answers [rows, count] through TypeORM)
    const [[{ attempts }]] = (await this.dataSource.query(
      `WITH a AS (INSERT INTO notification_attempts (delivery_id, attempted_at, status_code, latency_ms, error) VALUES ($1, $2, $3, $4, $5))
       UPDATE notification_deliveries SET attempts = attempts + 1, last_error = $5, updated_at = now() WHERE id = $1 RETURNING attempts`,
      [row.id, new Date(started), statusCode, latency, error],
    )) as [[{ attempts: number }], number];
    return error === null ? { ok: true, statusCode: statusCode!, attempts } : { ok: false, statusCode, error, attempts };
  }

  async finish(eventId: string, outcome: 'DELIVERED' | 'FAILED' | 'NO_ENDPOINT'): Promise<{ attempts: number; lastError: string | null }> {
    const rows = (await this.dataSource.query(
      `UPDATE notification_deliveries SET status = $2, updated_at = now(),
              delivered_at = CASE WHEN $2 = 'DELIVERED' THEN now() ELSE delivered_at END,
              failed_at = CASE WHEN $2 = 'FAILED' THEN now() ELSE failed_at END
        WHERE event_id = $1 RETURNING attempts, last_error`,
      [eventId, outcome],
    )) as [{ attempts: number; last_error: string | null }[], number];
    const row = rows[0][0];
    return { attempts: row?.attempts ?? 0, lastError: row?.last_error ?? null };
  }

  private async row(eventId: string): Promise<DeliveryRow | null> {
    const rows = (await this.dataSource.query(
      `SELECT d.id::text AS id, d.event_id, d.case_id, d.type, d.agency_id, d.data, d.body, d.occurred_at,
              a.webhook_url, a.secret_sealed, a.previous_secret_sealed, a.previous_secret_until, a.allowed_fields
         FROM notification_deliveries d LEFT JOIN partner_agencies a ON a.id = d.agency_id AND a.active
        WHERE d.event_id = $1`,
      [eventId],
    )) as DeliveryRow[];
    return rows[0] ?? null;
  }

  // The event as this agency may see it, fixed once. The consent that applies is the referral's (when the event
  // is about one), otherwise the case's newest valid consent for this agency; without one, only the minimum.
  private async fixBody(row: DeliveryRow): Promise<string> {
    const referralId = typeof row.data.referralId === 'string' ? row.data.referralId : null;
    const [profileRow] = (await this.dataSource.query(
      `SELECT c.case_number, c.risk_tier, p.sex, p.language, p.full_name, p.national_id, p.phone, p.home_province, p.home_regency,
              date_part('year', age(p.date_of_birth))::int AS age
         FROM cases c JOIN persons p ON p.id = c.person_id WHERE c.id = $1`,
      [row.case_id],
    )) as Record<string, unknown>[];
    const consents = (await this.dataSource.query(
      referralId
        ? `SELECT k.id, k.data_categories FROM referrals r JOIN consents k ON k.id = r.consent_id
            WHERE r.id = $1 AND k.withdrawn_at IS NULL AND k.expires_at > now()`
        : `SELECT id, data_categories FROM consents WHERE case_id = $1 AND recipient_agency_id = $2 AND withdrawn_at IS NULL AND expires_at > now()
            ORDER BY recorded_at DESC LIMIT 1`,
      referralId ? [referralId] : [row.case_id, row.agency_id],
    )) as { id: string; data_categories: string[] }[];
    const p = profileRow ?? {};
    const profile: Profile = {
      age: p.age,
      sex: p.sex,
      language: p.language,
      riskTier: p.risk_tier,
      homeRegion: p.home_province ? { province: p.home_province, regency: p.home_regency } : undefined,
      fullName: p.full_name,
      nationalId: p.national_id,
      phone: p.phone,
    };
    const consent = consents[0] ? { id: consents[0].id, dataCategories: consents[0].data_categories } : null;
    const event = buildWebhookEvent({
      eventId: row.event_id,
      type: row.type,
      occurredAt: row.occurred_at.toISOString(),
      caseNumber: String(p.case_number ?? ''),
      eventData: row.data,
      profile,
      allowedFields: row.allowed_fields ?? [],
      consent,
    });
    const body = JSON.stringify(event);
    // the first writer wins: concurrent attempts (a replay racing a retry) still send one body
    const [fixed] = (await this.dataSource.query(
      `UPDATE notification_deliveries SET body = COALESCE(body, $2) WHERE id = $1 RETURNING body`,
      [row.id, body],
    )) as [{ body: string }[], number];
    return fixed[0]?.body ?? body;
  }
}
