import { Injectable } from '@nestjs/common';
import type {
  CaseEffects,
  CaseEventDraft,
  CaseProjection,
  CaseWorkflowInput,
  NotificationItem,
  ReferralRecord,
} from '../../workflows/types';
import { AlertRepository, type InsertedAlert } from '../alerts/alert.repository';
import type { Queryable } from '../database/queryable';
import { Transactions } from '../database/transactions';
import { EscalationRepository } from '../escalations/escalation.repository';
import { derivedAlerts } from '../notifications/audiences';
import { StaffMessagesService } from '../notifications/staff-messages.service';
import { NotificationDeliveryRepository } from '../partners/notification-delivery.repository';
import { PartnerAgencyRepository } from '../partners/partner-agency.repository';
import { ReferralRepository } from '../referrals/referral.repository';
import { CaseEventRepository } from './case-event.repository';
import { CaseNoteRepository } from './case-note.repository';
import { CaseRepository } from './case.repository';
import { ConsentRepository } from './consent.repository';
import { TaskRepository } from './task.repository';

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
  constructor(
    private readonly transactions: Transactions,
    private readonly cases: CaseRepository,
    private readonly events: CaseEventRepository,
    private readonly notes: CaseNoteRepository,
    private readonly tasks: TaskRepository,
    private readonly escalations: EscalationRepository,
    private readonly consents: ConsentRepository,
    private readonly referrals: ReferralRepository,
    private readonly agencies: PartnerAgencyRepository,
    private readonly deliveries: NotificationDeliveryRepository,
    private readonly alerts: AlertRepository,
    private readonly staffMessages: StaffMessagesService,
  ) {}

  // Returns the event ids of the notifications this transition queued and the ids of the staff messages (email,
  // gateway) its alerts queued, for their deliveries to start.
  async applyCaseEffects(
    args: ApplyCaseEffectsArgs,
  ): Promise<{ caseNumber: string; notifications: string[]; messages: string[] }> {
    const { caseId, register, effects, projection } = args;
    const seq = projection.lastEventSeq;
    return this.transactions.run(async (m) => {
      if (register && !(await this.cases.insert(m, register.input, register.workflowId))) {
        throw new CaseRecordsError('OFFICE_NOT_FOUND', `office ${register.input.officeId} does not exist`);
      }
      if (register) await this.cases.enterOffice(m, caseId, register.input.officeId, register.input.registeredAt);
      const events = [];
      for (const e of effects.events) {
        let data = e.data;
        // a note's words are in case_notes: its event holds their sha256, so the hash chain covers them
        if (e.type === 'note.added' && typeof e.data.noteId === 'string') {
          data = { ...e.data, textSha256: await this.notes.record(m, caseId, e.data.noteId, e) };
        }
        events.push({ caseId, seq: e.seq, type: e.type, actor: e.actor, step: e.step, occurredAt: e.occurredAt, data });
      }
      await this.events.append(m, caseId, events);
      // undefined while the case is being registered: nobody is "assigned" a case they register
      const assigneeBefore = register ? undefined : await this.cases.assigneeOf(m, caseId);
      await this.cases.project(m, caseId, projection);
      for (const e of effects.events) await this.officeAndClosure(m, caseId, e);
      const office = await this.cases.numberAndOffice(m, caseId);
      for (const t of effects.tasks) await this.tasks.upsert(m, caseId, t.officeId ?? office.officeId, t, seq);
      for (const e of effects.escalations) {
        // a handover's overdue decision is the receiving office's to see to
        const to = e.kind === 'TRANSFER_APPROVAL' ? (office.transferToOfficeId ?? office.officeId) : office.officeId;
        await this.escalations.upsert(m, caseId, to, e, seq);
      }
      for (const c of effects.consents) await this.consents.upsert(m, caseId, c);
      // a referral waiting for approval is version 0, so the case's own sending (version 1) moves it on
      for (const r of effects.referrals)
        await this.referrals.upsert(m, caseId, r, r.status === 'PENDING_APPROVAL' ? 0 : 1);
      // who must hear of a reminder, breach or escalation (the workflow's alerts), and of an assignment, an
      // approval, a handover, a partner's decline or silence (derived here), resolved to users and agencies as they
      // are now; then their email and gateway messages, in this same transaction
      const alerted: InsertedAlert[] = [];
      const derived = derivedAlerts({
        events: effects.events,
        officeId: office.officeId,
        assigneeBefore,
        assigneeAfter: projection.assigneeId,
      });
      for (const a of [...(effects.alerts ?? []), ...derived])
        alerted.push(...(await this.alerts.insert(m, caseId, a)));
      const messages = await this.staffMessages.queueForAlerts(
        m,
        { caseId, caseNumber: office.caseNumber, officeId: office.officeId, projection, events: effects.events },
        alerted,
      );
      const notifications = await this.insertNotifications(
        m,
        caseId,
        effects.notifications.map((n) => ({
          key: `${caseId}:${n.eventSeq}:${n.type}`,
          type: n.type,
          agencyId: n.agencyId,
          data: n.data,
        })),
      );
      return { caseNumber: office.caseNumber, notifications, messages };
    });
  }

  // What the events of a handover and of a closure change in the case row (its office, the pending transfer, the
  // offices it passed through, why it closed). Each write sets values, so a retried activity writes the same.
  private async officeAndClosure(m: Queryable, caseId: string, e: CaseEventDraft): Promise<void> {
    const d = e.data;
    switch (e.type) {
      case 'case.transfer_requested':
        return this.cases.setTransfer(m, caseId, String(d.toOfficeId), e.occurredAt);
      case 'case.transfer_returned':
      case 'case.transfer_cancelled':
        return this.cases.setTransfer(m, caseId, null, null);
      case 'case.transferred':
        await this.cases.moveOffice(m, caseId, String(d.fromOfficeId), String(d.toOfficeId), e.occurredAt);
        return this.escalations.moveOpen(m, caseId, String(d.toOfficeId));
      case 'case.closed':
        return this.cases.setClosure(
          m,
          caseId,
          typeof d.reasonCode === 'string' ? d.reasonCode : 'COMPLETED',
          typeof d.duplicateOfCaseId === 'string' ? d.duplicateOfCaseId : null,
        );
      case 'case.reopened':
        return this.cases.setClosure(m, caseId, null, null);
    }
  }

  async recordReferral(args: { caseId: string; referral: ReferralRecord; version: number; at: string }): Promise<void> {
    await this.transactions.run((m) => this.referrals.upsert(m, args.caseId, args.referral, args.version));
  }

  // The event ids of the referral.sent deliveries of a referral (one per agency: the referral's own).
  referralNotices(caseId: string, referralId: string): Promise<string[]> {
    return this.deliveries.referralSentEvents(caseId, referralId);
  }

  async queueNotifications(args: { caseId: string; items: NotificationItem[] }): Promise<{ notifications: string[] }> {
    return { notifications: await this.transactions.run((m) => this.insertNotifications(m, args.caseId, args.items)) };
  }

  // One delivery per recipient agency (a notification without one goes to the agencies PROCESS.md names for its
  // type), keyed so that a retried activity queues nothing twice. Returns the event ids still to deliver.
  private async insertNotifications(m: Queryable, caseId: string, items: NotificationItem[]): Promise<string[]> {
    const eventIds: string[] = [];
    for (const n of items) {
      const agencies = n.agencyId ? [n.agencyId] : await this.agencies.recipients(m, caseId, n.type);
      if (agencies.length === 0) {
        await this.deliveries.insertUnaddressed(m, { key: `${n.key}:none`, caseId, type: n.type, data: n.data });
      }
      for (const agencyId of agencies) {
        const row = await this.deliveries.insertPending(m, {
          key: `${n.key}:${agencyId}`,
          caseId,
          type: n.type,
          agencyId,
          data: n.data,
        });
        if (row && row.status === 'PENDING') eventIds.push(row.event_id);
      }
    }
    return eventIds;
  }
}
