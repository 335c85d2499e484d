import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { PartnersConfig } from '../config/partners.config';
import type { NotificationType } from '../../workflows/types';
import { CaseRepository } from '../cases/case.repository';
import { ConsentRepository } from '../cases/consent.repository';
import {
  NotificationDeliveryRepository,
  type OutgoingDelivery,
  type UnreportedOutcome,
} from './notification-delivery.repository';
import { nextAttemptAt, type WebhookRetryPolicy } from './delivery-backoff';
import { buildWebhookEvent, profileOf } from './notification-payload';
import { SecretBox } from './secret-box';
import { postSigned } from './signed-post';

export type DeliveryTarget = {
  deliveryId: string;
  eventId: string;
  caseId: string;
  type: NotificationType;
  agencyId: string | null;
  hasEndpoint: boolean;
};

export type AttemptResult =
  | { ok: true; statusCode: number; attempts: number }
  | { ok: false; statusCode: number | null; error: string; attempts: number };

// Signed webhooks to partner agencies (DESIGN.md "Partner webhooks"): the rounds of an agency's queue (its partner
// deliveries workflow), or one attempt at a time for a notification workflow of its own, which retries with backoff.
// Every attempt is recorded; the body is fixed at the first attempt so every retry and replay sends the same bytes
// under the same Rujukan-Event-Id.
@Injectable()
export class NotificationDeliveryService {
  private readonly config: PartnersConfig;
  private readonly box: SecretBox;

  constructor(
    private readonly deliveries: NotificationDeliveryRepository,
    private readonly cases: CaseRepository,
    private readonly consents: ConsentRepository,
    config: ConfigService,
  ) {
    this.config = config.getOrThrow<PartnersConfig>('partners');
    this.box = new SecretBox(this.config.secretsKey);
  }

  retryPolicy(): WebhookRetryPolicy {
    return {
      budgetMs: Math.round(this.config.webhookRetryBudgetSeconds * 1000),
      firstRetryMs: Math.round(this.config.webhookFirstRetrySeconds * 1000),
      maxIntervalMs: Math.round(this.config.webhookMaxRetryIntervalSeconds * 1000),
      timeoutMs: this.config.webhookTimeoutMs,
    };
  }

  async target(eventId: string): Promise<DeliveryTarget | null> {
    const row = await this.deliveries.outgoing(eventId);
    if (!row) return null;
    return {
      deliveryId: row.id,
      eventId: row.event_id,
      caseId: row.case_id,
      type: row.type,
      agencyId: row.agency_id,
      hasEndpoint: Boolean(row.webhook_url && row.secret_sealed),
    };
  }

  // One POST. Resolves on a 2xx; otherwise resolves with the failure, for the caller to throw (and be retried).
  async attempt(eventId: string): Promise<AttemptResult> {
    const row = await this.deliveries.outgoing(eventId);
    if (!row || !row.webhook_url || !row.secret_sealed) throw new Error(`delivery ${eventId} has no endpoint`);
    const { attemptedAt, statusCode, error, latencyMs } = await this.post(row);
    const attempts = await this.deliveries.recordAttempt({
      deliveryId: row.id,
      attemptedAt,
      statusCode,
      latencyMs,
      error,
    });
    return error === null
      ? { ok: true, statusCode: statusCode!, attempts }
      : { ok: false, statusCode, error, attempts };
  }

  // One round of an agency's queue (issue 21): every due delivery, at most `limit`, a few at a time (the agency's
  // own limit, so a slow partner holds up only its own queue). Each attempt is recorded with its outcome: DELIVERED,
  // PENDING until the next attempt of the backoff, or FAILED past the retry budget. `more`: the round was full.
  async deliverDue(agencyId: string, limit: number): Promise<{ attempted: number; more: boolean }> {
    const rows = await this.deliveries.due(agencyId, limit);
    const unaddressed = rows.filter((r) => !r.webhook_url || !r.secret_sealed);
    if (unaddressed.length > 0) await this.deliveries.settleWithoutEndpoint(unaddressed.map((r) => r.id));
    const sendable = rows.filter((r) => r.webhook_url && r.secret_sealed);
    const policy = this.retryPolicy();
    let next = 0;
    const sender = async () => {
      while (next < sendable.length) {
        const row = sendable[next++]!;
        const sent = await this.post(row);
        const attempts = row.attempts + 1;
        const retryAt =
          sent.error === null ? null : nextAttemptAt(policy, attempts, row.created_at.getTime(), Date.now());
        await this.deliveries.settle({
          deliveryId: row.id,
          ...sent,
          status: sent.error === null ? 'DELIVERED' : retryAt === null ? 'FAILED' : 'PENDING',
          nextAttemptAt: retryAt === null ? null : new Date(retryAt),
        });
      }
    };
    await Promise.all(
      Array.from({ length: Math.min(this.config.webhookConcurrencyPerAgency, sendable.length) }, sender),
    );
    return { attempted: sendable.length, more: rows.length === limit };
  }

  async nextDueInMs(agencyId: string): Promise<number | null> {
    return this.deliveries.nextDueInMs(agencyId);
  }

  // The outcomes the cases have not heard of yet, and the acknowledgement of those they have.
  async unreported(agencyId: string, limit: number): Promise<UnreportedOutcome[]> {
    return this.deliveries.unreported(agencyId, limit);
  }

  async reported(deliveryIds: readonly string[]): Promise<void> {
    await this.deliveries.reported(deliveryIds);
  }

  // Of these event ids still to send: the agencies whose queue holds some, and those sent by a workflow of their own
  // (queued before the queues, or the round of a re-sending).
  async pendingOf(eventIds: readonly string[]): Promise<{ agencies: string[]; ownWorkflow: string[] }> {
    if (eventIds.length === 0) return { agencies: [], ownWorkflow: [] };
    const rows = await this.deliveries.pendingOf(eventIds);
    return {
      agencies: [...new Set(rows.filter((r) => r.queued).map((r) => r.agency_id))],
      ownWorkflow: rows.filter((r) => !r.queued).map((r) => r.event_id),
    };
  }

  // The signed POST of a delivery with an endpoint, its body fixed at the first attempt.
  private async post(
    row: OutgoingDelivery,
  ): Promise<{ attemptedAt: Date; statusCode: number | null; error: string | null; latencyMs: number }> {
    const body = row.body ?? (await this.fixBody(row));
    const secrets = [this.box.open(row.secret_sealed!)];
    if (row.previous_secret_sealed && row.previous_secret_until && row.previous_secret_until.getTime() > Date.now()) {
      secrets.push(this.box.open(row.previous_secret_sealed));
    }
    const attemptedAt = new Date();
    const { statusCode, error, latencyMs } = await postSigned({
      url: row.webhook_url!,
      secrets,
      body,
      eventId: row.event_id,
      eventType: row.type,
      timeoutMs: this.config.webhookTimeoutMs,
    });
    return { attemptedAt, statusCode, error, latencyMs };
  }

  async finish(
    eventId: string,
    outcome: 'DELIVERED' | 'FAILED' | 'NO_ENDPOINT',
  ): Promise<{ attempts: number; lastError: string | null }> {
    const row = await this.deliveries.finish(eventId, outcome);
    return { attempts: row?.attempts ?? 0, lastError: row?.last_error ?? null };
  }

  // The event as this agency may see it, fixed once. The consent that applies is the referral's (when the event
  // is about one), otherwise the case's newest valid consent for this agency; without one, only the minimum.
  private async fixBody(row: OutgoingDelivery): Promise<string> {
    const referralId = typeof row.data.referralId === 'string' ? row.data.referralId : null;
    const [profileRow, consentRow] = await Promise.all([
      this.cases.webhookProfile(row.case_id),
      this.consents.validForWebhook(referralId ? { referralId } : { caseId: row.case_id, agencyId: row.agency_id }),
    ]);
    const profile = profileOf(profileRow ?? {});
    const consent = consentRow ? { id: consentRow.id, dataCategories: consentRow.data_categories } : null;
    const event = buildWebhookEvent({
      eventId: row.event_id,
      type: row.type,
      occurredAt: row.occurred_at.toISOString(),
      caseNumber: String(profileRow?.case_number ?? ''),
      eventData: row.data,
      profile,
      allowedFields: row.allowed_fields ?? [],
      consent,
    });
    const body = JSON.stringify(event);
    // the first writer wins: concurrent attempts (a replay racing a retry) still send one body
    return (await this.deliveries.fixBody(row.id, body)) ?? body;
  }
}
