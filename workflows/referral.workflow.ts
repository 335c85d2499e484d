// One referral to one partner agency: SENT -> ACKNOWLEDGED -> ACCEPTED | DECLINED -> COMPLETED, or REVOKED.
// A child of the case workflow. It watches the partner's deadlines (acknowledge, then decide), re-notifies a
// silent partner, and tells the case of every answer and every silence by signal; the case owns the timeline.
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  getExternalWorkflowHandle,
  setHandler,
} from '@temporalio/workflow';
import { acts } from './activities';
import { deadlineFor, deadlineFractions, type HolidayCalendar, type RiskTier, type SlaPolicy } from './definition';
import {
  referralAnswerUpdate,
  referralQuery,
  referralSignal,
  revokeReferralSignal,
  type ReferralAnswer,
} from './messages';
import type { ReferralRecord, ReferralSignal, ReferralStatus } from './types';

export type ReferralWorkflowInput = {
  caseId: string;
  caseWorkflowId: string;
  officeId: string;
  referral: ReferralRecord;
  tier: RiskTier;
  policy: SlaPolicy;
  calendar: HolidayCalendar;
  slaTimeScale: number;
};

const NEXT: Record<ReferralAnswer['type'], { from: ReferralStatus[]; to: ReferralStatus }> = {
  acknowledge: { from: ['SENT'], to: 'ACKNOWLEDGED' },
  // a partner may decide at once: deciding implies the acknowledgement
  accept: { from: ['SENT', 'ACKNOWLEDGED'], to: 'ACCEPTED' },
  decline: { from: ['SENT', 'ACKNOWLEDGED'], to: 'DECLINED' },
  complete: { from: ['ACCEPTED'], to: 'COMPLETED' },
  revoke: { from: ['SENT', 'ACKNOWLEDGED', 'ACCEPTED'], to: 'REVOKED' },
};

const TERMINAL: ReadonlySet<ReferralStatus> = new Set(['DECLINED', 'COMPLETED', 'REVOKED']);

export async function referralWorkflow(input: ReferralWorkflowInput): Promise<ReferralRecord> {
  const referral: ReferralRecord = { ...input.referral };
  const caseHandle = getExternalWorkflowHandle(input.caseWorkflowId);
  let version = 1;
  // the partner's clock: acknowledging from the sending, deciding from the acknowledgement
  let phase: 'ACK' | 'DECISION' | null = 'ACK';
  let clockStart = Date.parse(referral.sentAt);
  let fired = 0; // milestones passed: 1 = 100 %, 2 = 200 %
  let busy = false;

  const clockDue = (): number | null => {
    if (!phase) return null;
    const due = deadlineFor(
      phase === 'ACK' ? 'REFERRAL_ACK' : 'REFERRAL_DECISION',
      input.tier,
      new Date(clockStart),
      input.calendar,
      input.policy,
      input.slaTimeScale,
    );
    return due ? due.getTime() : null;
  };
  const nextMilestone = (): number | null => {
    const due = clockDue();
    if (due === null || fired >= 2) return null;
    const f = deadlineFractions(new Date(clockStart), new Date(due));
    return (fired === 0 ? f.overdueAt : f.level2EscalationAt).getTime();
  };
  const tellCase = (signal: ReferralSignal) => caseHandle.signal(referralSignal, signal);

  setHandler(referralQuery, () => ({ ...referral }));
  const apply = async (answer: ReferralAnswer): Promise<ReferralRecord> => {
    await condition(() => !busy);
    busy = true;
    try {
      if (!NEXT[answer.type].from.includes(referral.status)) throw notAllowed(answer.type, referral.status);
      referral.status = NEXT[answer.type].to;
      referral.reason = answer.type === 'decline' || answer.type === 'revoke' ? answer.reason : null;
      if (answer.type === 'complete') referral.summary = answer.summary ?? null;
      version += 1;
      if (referral.status === 'ACKNOWLEDGED') {
        phase = 'DECISION';
        clockStart = Date.now();
        fired = 0;
      } else if (referral.status !== 'SENT') {
        phase = null;
      }
      await acts.recordReferral({
        caseId: input.caseId,
        referral: { ...referral },
        version,
        at: new Date().toISOString(),
      });
      if (referral.status === 'REVOKED') {
        await acts.queueNotifications({
          caseId: input.caseId,
          items: [
            {
              key: `${referral.id}:revoked`,
              type: 'referral.revoked',
              agencyId: referral.agencyId,
              data: { referralId: referral.id },
            },
          ],
        });
      }
      await tellCase({
        kind: 'STATUS',
        referralId: referral.id,
        status: referral.status,
        actor: answer.actor,
        reason: referral.reason,
      });
      return { ...referral };
    } finally {
      busy = false;
    }
  };
  setHandler(referralAnswerUpdate, apply, {
    validator: (answer: ReferralAnswer) => {
      if (!NEXT[answer.type].from.includes(referral.status)) throw notAllowed(answer.type, referral.status);
      if ((answer.type === 'decline' || answer.type === 'revoke') && !answer.reason?.trim()) {
        throw ApplicationFailure.create({
          type: 'REASON_REQUIRED',
          message: `${answer.type} needs a reason`,
          nonRetryable: true,
        });
      }
    },
  });
  // The case ends the referral itself (its consent was withdrawn); one that has already ended stays as it is.
  // An async handler, so the workflow does not end before the revocation is written and told.
  setHandler(revokeReferralSignal, async ({ reason, actor }) => {
    if (!NEXT.revoke.from.includes(referral.status)) return;
    await apply({ type: 'revoke', actor, reason }).catch(() => undefined);
  });

  while (!TERMINAL.has(referral.status)) {
    const at = nextMilestone();
    const seenVersion = version;
    const answered =
      at === null
        ? await condition(() => version !== seenVersion || TERMINAL.has(referral.status)).then(() => true)
        : at > Date.now()
          ? await condition(() => version !== seenVersion || TERMINAL.has(referral.status), at - Date.now())
          : false;
    if (answered) continue;
    // an answer being written now wins over the deadline that passed meanwhile
    await condition(() => !busy);
    if (version !== seenVersion || TERMINAL.has(referral.status)) continue;
    // The partner stayed silent past the deadline (level 1) or twice the deadline (level 2).
    fired += 1;
    const level = fired as 1 | 2;
    await acts.queueNotifications({
      caseId: input.caseId,
      items: [
        {
          key: `${referral.id}:${phase}:reminder:${level}`,
          type: 'referral.reminder',
          agencyId: referral.agencyId,
          data: { referralId: referral.id, phase, level },
        },
      ],
    });
    await tellCase({ kind: 'SILENCE', referralId: referral.id, phase: phase!, level });
  }
  // the answer that ended the referral is still being written and told to the case
  await condition(allHandlersFinished);
  return { ...referral };
}

function notAllowed(type: string, status: ReferralStatus): ApplicationFailure {
  return ApplicationFailure.create({
    type: 'ACTION_NOT_ALLOWED',
    message: `cannot ${type} a referral that is ${status}`,
    nonRetryable: true,
  });
}
