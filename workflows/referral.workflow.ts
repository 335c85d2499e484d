// One referral to one partner agency: SENT -> ACKNOWLEDGED -> ACCEPTED | DECLINED -> COMPLETED, or REVOKED.
// A child of the case workflow. It watches the partner's deadlines (acknowledge, then decide), re-notifies a
// silent partner, and tells the case of every answer and every silence by signal; the case owns the timeline.
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  getExternalWorkflowHandle,
  patched,
  setHandler,
} from '@temporalio/workflow';
import { acts } from './activities';
import { deadlineFor, deadlineFractions, type HolidayCalendar, type RiskTier, type SlaPolicy } from './definition';
import {
  extendReferralSignal,
  referralAnswerUpdate,
  referralQuery,
  referralSignal,
  revokeReferralSignal,
  type ReferralAnswer,
} from './messages';
import type { ReferralRecord, ReferralSignal, ReferralStatus, StaffActor } from './types';

// The changes of what a running referral does, each behind patched() and asked once when the workflow starts (as
// PROCESS_PATCHES in case/patches.ts for the case): a referral started before a change runs on as it started.
export const REFERRAL_PATCHES = [
  // PROCESS.md: the sender's office revokes before the partner acknowledged; a supervisor or the head before it is
  // completed (and past 200 % of a silent partner's deadline it is theirs alone)
  'revoke-matrix',
  // a silent partner gets referral.sent again, as the same event, at 50 % and 100 % of its acknowledgement deadline
  'partner-renotify',
  // a supervisor's EXTEND of the partner's escalation moves the partner's deadline (extendReferralSignal)
  'referral-extend',
] as const;

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
  let fired = 0; // milestones of the phase passed (see plan())
  let busy = false;
  const takes = Object.fromEntries(REFERRAL_PATCHES.map((p) => [p, patched(p)])) as Record<
    (typeof REFERRAL_PATCHES)[number],
    boolean
  >;
  // the partner's deadline as a supervisor extended it (EXTEND), for the current phase
  let extendedDue: number | null = null;
  // the partner stayed silent past twice its deadline: revoking is a supervisor's or the head's call
  let past200 = false;
  let extensions = 0;

  const clockDue = (): number | null => {
    if (!phase) return null;
    if (extendedDue !== null) return extendedDue;
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
  // The milestones of the phase in order: a re-sending at 50 % (of the acknowledgement deadline, with the patch),
  // level 1 at 100 % (re-sending too), level 2 at 200 %.
  const plan = (): ('RESEND' | 1 | 2)[] => (takes['partner-renotify'] && phase === 'ACK' ? ['RESEND', 1, 2] : [1, 2]);
  const nextMilestone = (): number | null => {
    const due = clockDue();
    const milestone = plan()[fired];
    if (due === null || milestone === undefined) return null;
    const f = deadlineFractions(new Date(clockStart), new Date(due));
    return (
      milestone === 'RESEND' ? f.firstReminderAt : milestone === 1 ? f.overdueAt : f.level2EscalationAt
    ).getTime();
  };
  const resend = (round: number) => acts.resendReferralNotice({ caseId: input.caseId, referralId: referral.id, round });
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
        extendedDue = null;
        past200 = false;
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
      const refused = answer.type === 'revoke' && takes['revoke-matrix'] ? revokeRefused(answer.actor) : null;
      if (refused)
        throw ApplicationFailure.create({ type: 'ACTION_NOT_ALLOWED', message: refused, nonRetryable: true });
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
  // Who may revoke now (README "Revoking a referral"): the office's staff while the partner has not acknowledged
  // and is not past 200 % of its deadline; a supervisor or the head at any time before it is completed. The case's
  // own revocations (consent withdrawn, a review) come by revokeReferralSignal and are not held to it.
  const revokeRefused = (actor: StaffActor): string | null => {
    if (actor.role === 'SUPERVISOR' || actor.role === 'HEAD') return null;
    if (actor.role !== 'CASEWORKER') return 'only the sending office revokes a referral';
    if (referral.status !== 'SENT') return 'the partner has acknowledged the referral: a supervisor revokes it now';
    if (past200) return 'the partner is silent past twice its deadline: a supervisor decides on revoking';
    return null;
  };
  // A supervisor extended the partner's escalation: the current deadline moves, counted from now, so level 1 falls
  // at the new deadline and level 2 at twice the time to it.
  setHandler(extendReferralSignal, ({ dueAt }) => {
    const due = Date.parse(dueAt);
    if (!takes['referral-extend'] || !phase || !(due > Date.now())) return;
    extendedDue = due;
    clockStart = Date.now();
    fired = plan().indexOf(1);
    past200 = false;
    extensions += 1;
  });
  setHandler(revokeReferralSignal, async ({ reason, actor }) => {
    if (!NEXT.revoke.from.includes(referral.status)) return;
    await apply({ type: 'revoke', actor, reason }).catch(() => undefined);
  });

  while (!TERMINAL.has(referral.status)) {
    const at = nextMilestone();
    const seenVersion = version;
    const seenExtensions = extensions;
    const changed = () => version !== seenVersion || extensions !== seenExtensions || TERMINAL.has(referral.status);
    const answered =
      at === null
        ? await condition(changed).then(() => true)
        : at > Date.now()
          ? await condition(changed, at - Date.now())
          : false;
    if (answered) continue;
    // an answer being written now wins over the deadline that passed meanwhile
    await condition(() => !busy);
    if (version !== seenVersion || TERMINAL.has(referral.status)) continue;
    // The partner stayed silent past half the deadline (re-sent), the deadline (level 1) or twice it (level 2).
    const milestone = plan()[fired]!;
    fired += 1;
    if (milestone === 'RESEND') {
      await resend(1);
      continue;
    }
    const level = milestone;
    if (level === 2) past200 = true;
    if (level === 1 && takes['partner-renotify'] && phase === 'ACK') await resend(2);
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
