import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type {
  CaseEffects,
  CaseProjection,
  CaseWorkflowInput,
  NotificationItem,
  ReferralRecord,
} from '../../workflows/types';
import { CaseEntity } from './case.entity';
import { appendCaseEvents } from './case-timeline';

export class CaseRecordsError extends Error {
  constructor(
    readonly code: 'OFFICE_NOT_FOUND',
    message: string,
  ) {
    super(message);
  }
}

export type ApplyCaseEffectsArgs = {
  caseId: string;
  register?: { input: CaseWorkflowInput; workflowId: string };
  effects: Omit<CaseEffects, 'startReferrals' | 'revokeReferrals'>;
  projection: CaseProjection;
};

// Writes of the case read model, called by activities. Everything of one transition is written in one
// transaction and is idempotent: events are keyed by (case id, seq), rows by their ids, and a row is only moved
// forward by a higher seq. A retried activity therefore writes nothing twice and never rolls anything back.
@Injectable()
export class CaseRecordsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  // Returns the event ids of the notifications this transition queued, for their deliveries to start.
  async applyCaseEffects(args: ApplyCaseEffectsArgs): Promise<{ caseNumber: string; notifications: string[] }> {
    const { caseId, register, effects, projection } = args;
    const seq = projection.lastEventSeq;
    return this.dataSource.transaction(async (m) => {
      if (register) await this.insertCase(m, register.input, register.workflowId);
      await appendCaseEvents(
        m,
        caseId,
        effects.events.map((e) => ({ caseId, seq: e.seq, type: e.type, actor: e.actor, step: e.step, occurredAt: e.occurredAt, data: e.data })),
      );
      await m.query(
        `UPDATE cases SET status = $2, current_step = $3, risk_tier = $4, assignee_id = $5, due_at = $6, sla_state = $7,
                          escalation_level = $8, allowed_actions = $9, last_event_seq = $10,
                          closed_at = CASE WHEN $2 = 'CLOSED' THEN COALESCE(closed_at, now()) ELSE NULL END,
                          updated_at = now()
          WHERE id = $1 AND last_event_seq < $10`,
        [caseId, projection.status, projection.currentStep, projection.riskTier, projection.assigneeId, projection.dueAt, projection.slaState, projection.escalationLevel, JSON.stringify(projection.allowedActions), seq],
      );
      const office = await m.findOneOrFail(CaseEntity, { where: { id: caseId }, select: { officeId: true, caseNumber: true } });
      for (const t of effects.tasks) {
        await m.query(
          `INSERT INTO tasks (id, case_id, office_id, kind, title, step, role, assignee_id, due_at, status, created_seq, updated_seq)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)
           ON CONFLICT (id) DO UPDATE SET assignee_id = EXCLUDED.assignee_id, due_at = EXCLUDED.due_at, status = EXCLUDED.status,
                                          updated_seq = EXCLUDED.updated_seq, updated_at = now()
           WHERE tasks.updated_seq <= EXCLUDED.updated_seq`,
          [t.id, caseId, office.officeId, t.kind, t.title, t.step, t.role, t.assigneeId, t.dueAt, t.status, seq],
        );
      }
      for (const e of effects.escalations) {
        await m.query(
          `INSERT INTO escalations (id, case_id, office_id, level, kind, reason, step, assigned_role, notify_task_force, status,
                                    opened_at, resolution, resolved_at, resolved_by, updated_seq)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
           ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, resolution = EXCLUDED.resolution,
                                          resolved_at = EXCLUDED.resolved_at, resolved_by = EXCLUDED.resolved_by,
                                          updated_seq = EXCLUDED.updated_seq
           WHERE escalations.updated_seq <= EXCLUDED.updated_seq`,
          [e.id, caseId, office.officeId, e.level, e.kind, e.reason, e.step, e.assignedRole, e.notifyTaskForce, e.status, e.openedAt, e.resolution, e.resolvedAt, e.resolvedBy, seq],
        );
      }
      for (const c of effects.consents) {
        await m.query(
          `INSERT INTO consents (id, case_id, given_by, method, purpose, recipient_agency_id, data_categories, expires_at, withdrawn_at, recorded_at,
                                 guardian_name, guardian_relationship)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
           ON CONFLICT (id) DO UPDATE SET withdrawn_at = EXCLUDED.withdrawn_at`,
          [c.id, caseId, c.givenBy, c.method, c.purpose, c.recipientAgencyId, JSON.stringify(c.dataCategories), c.expiresAt, c.withdrawnAt, c.recordedAt,
           c.guardian?.name ?? null, c.guardian?.relationship ?? null],
        );
      }
      for (const r of effects.referrals) await this.upsertReferral(m, caseId, r, 1);
      const notifications = await this.insertNotifications(
        m,
        caseId,
        effects.notifications.map((n) => ({ key: `${caseId}:${n.eventSeq}:${n.type}`, type: n.type, agencyId: n.agencyId, data: n.data })),
      );
      return { caseNumber: office.caseNumber, notifications };
    });
  }

  async recordReferral(args: { caseId: string; referral: ReferralRecord; version: number; at: string }): Promise<void> {
    await this.dataSource.transaction((m) => this.upsertReferral(m, args.caseId, args.referral, args.version));
  }

  async queueNotifications(args: { caseId: string; items: NotificationItem[] }): Promise<{ notifications: string[] }> {
    return { notifications: await this.dataSource.transaction((m) => this.insertNotifications(m, args.caseId, args.items)) };
  }

  private async insertCase(m: EntityManager, input: CaseWorkflowInput, workflowId: string): Promise<void> {
    await m.query(
      `INSERT INTO cases (id, case_number, workflow_id, office_id, person_id, category, status, current_step,
                          risk_tier, due_at, sla_state, escalation_level, arrival_point, arrived_at, from_country,
                          policy_version, last_event_seq, created_at, updated_at)
       SELECT $1, o.code || '-' || to_char($10::timestamptz AT TIME ZONE 'Asia/Makassar', 'YYYY') || '-' ||
                  lpad(nextval('case_number_seq')::text, 6, '0'),
              $2, $3, $4, $5, 'OPEN', 'REGISTRATION', NULL, NULL, 'ON_TIME', 0, $6, $7, $8, $9, 0, $10, $10
         FROM offices o WHERE o.id = $3
       ON CONFLICT (id) DO NOTHING`,
      [input.caseId, workflowId, input.officeId, input.personId, input.category, input.arrival.point, input.arrival.arrivedAt, input.arrival.fromCountry, input.policyVersion, input.registeredAt],
    );
    const exists = await m.exists(CaseEntity, { where: { id: input.caseId } });
    if (!exists) throw new CaseRecordsError('OFFICE_NOT_FOUND', `office ${input.officeId} does not exist`);
  }

  private async upsertReferral(m: EntityManager, caseId: string, r: ReferralRecord, version: number): Promise<void> {
    await m.query(
      `INSERT INTO referrals (id, case_id, agency_id, services, legal_basis, consent_id, status, reason, sent_at, version, summary)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, reason = EXCLUDED.reason, version = EXCLUDED.version, updated_at = now(),
                                      summary = COALESCE(EXCLUDED.summary, referrals.summary)
       WHERE referrals.version < EXCLUDED.version`,
      [r.id, caseId, r.agencyId, JSON.stringify(r.services), r.legalBasis, r.consentId, r.status, r.reason, r.sentAt, version, r.summary ?? null],
    );
  }

  // One delivery per recipient agency (a notification without one goes to the agencies PROCESS.md names for its
  // type), keyed so that a retried activity queues nothing twice. Returns the event ids still to deliver.
  private async insertNotifications(m: EntityManager, caseId: string, items: NotificationItem[]): Promise<string[]> {
    const eventIds: string[] = [];
    for (const n of items) {
      const agencies = n.agencyId ? [n.agencyId] : await this.recipients(m, caseId, n.type);
      if (agencies.length === 0) {
        // nobody registered to hear of it (no home-region office, no police agency...): kept, visibly undelivered
        await m.query(
          `INSERT INTO notification_deliveries (idempotency_key, case_id, type, agency_id, status, data, event_id)
           VALUES ($1, $2, $3, NULL, 'NO_ENDPOINT', $4, gen_random_uuid()) ON CONFLICT (idempotency_key) DO NOTHING`,
          [`${n.key}:none`, caseId, n.type, JSON.stringify(n.data)],
        );
      }
      for (const agencyId of agencies) {
        const rows = (await m.query(
          `WITH inserted AS (
             INSERT INTO notification_deliveries (idempotency_key, case_id, type, agency_id, status, data, event_id)
             VALUES ($1, $2, $3, $4, 'PENDING', $5, gen_random_uuid()) ON CONFLICT (idempotency_key) DO NOTHING
             RETURNING event_id, status)
           SELECT event_id, status FROM inserted
           UNION ALL SELECT event_id, status FROM notification_deliveries WHERE idempotency_key = $1`,
          [`${n.key}:${agencyId}`, caseId, n.type, agencyId, JSON.stringify(n.data)],
        )) as { event_id: string; status: string }[];
        const row = rows[0];
        if (row && row.status === 'PENDING') eventIds.push(row.event_id);
      }
    }
    return eventIds;
  }

  // PROCESS.md "Notifications to partners": who hears of an event that names no agency.
  private async recipients(m: EntityManager, caseId: string, type: NotificationItem['type']): Promise<string[]> {
    const involved = `SELECT DISTINCT r.agency_id FROM referrals r JOIN partner_agencies a ON a.id = r.agency_id AND a.active
                       WHERE r.case_id = $1 AND r.status IN ('ACKNOWLEDGED', 'ACCEPTED', 'COMPLETED')`;
    const homeOffice = `SELECT a.id FROM partner_agencies a JOIN cases c ON c.id = $1 JOIN persons p ON p.id = c.person_id
                         WHERE a.active AND a.kind = 'BP3MI' AND a.province = p.home_province`;
    const sql: Partial<Record<NotificationItem['type'], string>> = {
      // police and the provincial task force of the office's province (UU 21/2007 Pasal 52: the 7-day clock)
      'tppo.identified': `SELECT a.id FROM partner_agencies a JOIN cases c ON c.id = $1 JOIN offices o ON o.id = c.office_id
                           WHERE a.active AND a.kind IN ('POLICE', 'TASK_FORCE') AND a.province = o.province`,
      // the BP3MI office of the returnee's home region (Permen P2MI 32/2025 Pasal 13(h))
      'arrival.notice': homeOffice,
      'handover.completed': `${homeOffice} UNION ${involved}`,
      'shelter.extension_requested': `${involved} AND 'SHELTER' = ANY (SELECT jsonb_array_elements_text(r.services))`,
      'case.closed': involved,
    };
    const text = sql[type];
    if (!text) return [];
    const rows = (await m.query(text, [caseId])) as Record<string, string>[];
    return [...new Set(rows.map((r) => Object.values(r)[0]!))];
  }
}
