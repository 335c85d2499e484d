import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { PartnersConfig } from '../config/partners.config';
import type { NotificationType } from '../../workflows/types';
import { CaseRepository, type WebhookProfileRow } from '../cases/case.repository';
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

// The profiles of the cases a round sends about, by case id.
type ProfileCache = Map<string, Promise<WebhookProfileRow | null>>;

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
    const { attemptedAt, statusCode, error, latencyMs } = await this.post(row, row.body ?? (await this.fixBody(row)));
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

  // One round of an agency's queue (issue 21): every due delivery, at most `limit`, in waves of the agency's own
  // limit (so a slow partner holds up only its own queue). A wave fixes its bodies, POSTs them at once, and records
  // each attempt with its outcome: DELIVERED, PENDING until the next attempt of the backoff, or FAILED past the retry
  // budget. A few statements a wave rather than a few a delivery. `more`: the round was full.
  async deliverDue(agencyId: string, limit: number): Promise<{ attempted: number; more: boolean }> {
    const rows = await this.deliveries.due(agencyId, limit);
    const unaddressed = rows.filter((r) => !r.webhook_url || !r.secret_sealed);
    if (unaddressed.length > 0) await this.deliveries.settleWithoutEndpoint(unaddressed.map((r) => r.id));
    const sendable = rows.filter((r) => r.webhook_url && r.secret_sealed);
    const policy = this.retryPolicy();
    // a burst is often many events of few cases: each case's profile read once a round
    const profiles: ProfileCache = new Map();
    const wave = this.config.webhookConcurrencyPerAgency;
    for (let i = 0; i < sendable.length; i += wave) {
      const part = sendable.slice(i, i + wave);
      const bodies = await this.fixBodies(part, profiles);
      const sent = await Promise.all(part.map((row) => this.post(row, bodies.get(row.id)!)));
      await this.deliveries.settleAll(
        part.map((row, k) => {
          const attempt = sent[k]!;
          const retryAt =
            attempt.error === null
              ? null
              : nextAttemptAt(policy, row.attempts + 1, row.created_at.getTime(), Date.now());
          return {
            deliveryId: row.id,
            ...attempt,
            status: attempt.error === null ? 'DELIVERED' : retryAt === null ? 'FAILED' : 'PENDING',
            nextAttemptAt: retryAt === null ? null : new Date(retryAt),
          };
        }),
      );
    }
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

  // The signed POST of a delivery with an endpoint, with its fixed body.
  private async post(
    row: OutgoingDelivery,
    body: string,
  ): Promise<{ attemptedAt: Date; statusCode: number | null; error: string | null; latencyMs: number }> {
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
    const body = await this.eventBody(row, new Map(), undefined);
    // the first writer wins: concurrent attempts (a replay racing a retry) still send one body
    return (await this.deliveries.fixBody(row.id, body)) ?? body;
  }

  // fixBody() of a wave: the referrals' consents in one read, the bodies fixed in one write; by delivery id.
  private async fixBodies(rows: readonly OutgoingDelivery[], profiles: ProfileCache): Promise<Map<string, string>> {
    const unfixed = rows.filter((r) => r.body === null);
    const referralConsents = await this.consents.validForWebhooks(
      unfixed.map(referralOf).filter((id): id is string => id !== null),
    );
    const built = new Map(
      await Promise.all(
        unfixed.map(async (row) => [row.id, await this.eventBody(row, profiles, referralConsents)] as const),
      ),
    );
    const kept = await this.deliveries.fixBodies(built);
    return new Map(rows.map((r) => [r.id, r.body ?? kept.get(r.id) ?? built.get(r.id)!]));
  }

  private async eventBody(
    row: OutgoingDelivery,
    profiles: ProfileCache,
    referralConsents: ReadonlyMap<string, { id: string; data_categories: string[] }> | undefined,
  ): Promise<string> {
    const referralId = referralOf(row);
    if (!profiles.has(row.case_id)) profiles.set(row.case_id, this.cases.webhookProfile(row.case_id));
    const [profileRow, consentRow] = await Promise.all([
      profiles.get(row.case_id)!,
      referralId && referralConsents
        ? (referralConsents.get(referralId) ?? null)
        : this.consents.validForWebhook(referralId ? { referralId } : { caseId: row.case_id, agencyId: row.agency_id }),
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
    return JSON.stringify(event);
  }
}

function referralOf(row: OutgoingDelivery): string | null {
  return typeof row.data.referralId === 'string' ? row.data.referralId : null;
}
