// The people of a simulated case: the caseworker, the supervisor and the partner agencies, acting on the real case
// workflow through its Updates as the console would, each after the time the case set gives them (case-set.ts).
// What they do never depends on the SLA policy (their timings are the same under both policies compared), so what
// differs between the two runs is what the policy makes of the same work: reminders, breaches, escalations.
import {
  FAILED_FOLLOW_UPS_BEFORE_ESCALATION,
  type ActionType,
  type RiskTier,
  type Role,
  type StepId,
} from '../../workflows/definition';
import type { ReferralAnswer } from '../../workflows/messages';
import type { CaseSnapshot } from '../../workflows/types';
import type { ActorStage, SimCase } from './case-set';

export type SimDriver = {
  now(): number;
  // resolves once the simulated clock has reached `t`
  at(t: number): Promise<void>;
  act(type: ActionType, payload: Record<string, unknown>, role?: Role): Promise<CaseSnapshot>;
  answer(referralId: string, answer: ReferralAnswer): Promise<void>;
  // the case's snapshot once `ready` holds of it (a referral's answer reaches the case by a signal, a moment later)
  snapshot(ready?: (s: CaseSnapshot) => boolean): Promise<CaseSnapshot>;
};

// two partner agencies of the province: the first referred to, and the one a caseworker turns to after a silent or
// declining first (their ids are the simulation's own; no agency of the registry is named)
export const SIM_AGENCIES = ['5a000000-0000-4000-8000-000000000001', '5a000000-0000-4000-8000-000000000002'] as const;

const DAY = 24 * 3_600_000;
const REVIEW_EVERY = 29 * DAY;
const MAX_FOLLOW_UPS = 24;

// The screening that gives the case its tier: a trafficking victim with a medical need (HIGH: emergency care, a TPPO
// report, shelter), an elderly deportee (MEDIUM), a returning worker with nothing found (LOW).
export function screeningOf(tier: RiskTier): { indicators: string[]; flags: Record<string, boolean> } {
  if (tier === 'HIGH') return { indicators: ['DECEPTION'], flags: { medical: true } };
  if (tier === 'MEDIUM') return { indicators: [], flags: { elderly: true } };
  return { indicators: [], flags: {} };
}

// Plays the case from its registration until it is closed (or, with `until`, until it reaches that step).
export async function playCase(c: SimCase, d: SimDriver, until?: StepId): Promise<void> {
  const take = (stage: ActorStage) => c.takes[stage] ?? 0;
  const after = (stage: ActorStage) => d.at(d.now() + take(stage));
  let s = await d.snapshot();
  while (s.status === 'OPEN' && s.currentStep !== until) {
    const step = s.currentStep;
    switch (step) {
      case 'REGISTRATION':
        await after(step);
        s = await d.act('complete-registration', {});
        break;
      case 'SCREENING':
        await after(step);
        s = await d.act('complete-screening', screeningOf(c.tier));
        break;
      case 'EMERGENCY_CARE':
        await after(step);
        s = await d.act('record-emergency-care', { facilityKind: 'HOSPITAL' });
        break;
      case 'TPPO_REPORT':
        await after(step);
        await d.act('file-tppo-report', { reportedTo: ['POLICE', 'TASK_FORCE'] });
        await after('SUPERVISOR');
        s = await d.act('approve-tppo-report', {}, 'SUPERVISOR');
        break;
      case 'REFERRAL':
        await after(step);
        s = await refer(c, d);
        break;
      case 'SHELTER':
        await after(step);
        s = await d.act('start-shelter', {});
        break;
      case 'ASSESSMENT':
        await after(step);
        s = await d.act('complete-assessment', {
          plan: { rehabilitation: c.tier !== 'LOW', reintegration: c.tier !== 'LOW' },
        });
        break;
      case 'REHABILITATION':
        await after(step);
        await d.act('start-rehabilitation', {});
        for (let i = 0; i < c.rehabilitationReviews; i += 1) {
          await d.at(d.now() + REVIEW_EVERY);
          await d.act('record-rehabilitation-review', {});
        }
        s = await d.act('complete-rehabilitation', {});
        break;
      case 'RETURN_HANDOVER':
        await after(step);
        s = await d.act('record-handover', { handedTo: 'FAMILY' });
        break;
      case 'REINTEGRATION':
        await after(step);
        s = await d.act('enrol-reintegration', {});
        break;
      case 'MONITORING':
        s = await monitor(c, d, s);
        break;
      case 'CLOSURE':
        s = await close(c, d, 'COMPLETED');
        break;
    }
  }
}

// Consent, the referral, and the partner's answers; a silent partner is waited on for SILENCE_PATIENCE and a
// declining one answered at once by a referral to the second agency, which acknowledges and accepts.
async function refer(c: SimCase, d: SimDriver): Promise<CaseSnapshot> {
  const take = (stage: ActorStage) => c.takes[stage] ?? 0;
  const first = await send(d, SIM_AGENCIES[0]);
  let accepted = first;
  if (c.partner === 'SILENT') {
    await d.at(d.now() + take('SILENCE_PATIENCE'));
    accepted = await send(d, SIM_AGENCIES[1]);
  } else if (c.partner === 'DECLINES') {
    await d.at(d.now() + take('PARTNER_ACK'));
    await d.answer(first, { type: 'acknowledge', actor: partnerActor } as ReferralAnswer);
    await d.at(d.now() + take('PARTNER_DECISION'));
    await d.answer(first, { type: 'decline', reason: 'no place', actor: partnerActor } as ReferralAnswer);
    await d.at(d.now() + take('REFERRAL'));
    accepted = await send(d, SIM_AGENCIES[1]);
  }
  await d.at(d.now() + take('PARTNER_ACK'));
  await d.answer(accepted, { type: 'acknowledge', actor: partnerActor } as ReferralAnswer);
  await d.at(d.now() + take('PARTNER_DECISION'));
  await d.answer(accepted, { type: 'accept', actor: partnerActor } as ReferralAnswer);
  return d.snapshot((s) => s.currentStep !== 'REFERRAL');
}

const partnerActor = { userId: '5b000000-0000-4000-8000-000000000001', role: 'PARTNER' };

async function send(d: SimDriver, agencyId: string): Promise<string> {
  const consented = await d.act('record-consent', {
    givenBy: 'SELF',
    method: 'WRITTEN',
    purpose: 'REFERRAL',
    recipientAgencyId: agencyId,
    dataCategories: ['IDENTITY', 'HEALTH'],
    expiresAt: new Date(d.now() + 365 * DAY).toISOString(),
  });
  const consentId = consented.consents.find((x) => x.recipientAgencyId === agencyId)!.id;
  const sent = await d.act('send-referral', {
    agencyId,
    services: ['SHELTER', 'COUNSELLING'],
    legalBasis: 'CONSENT',
    consentId,
  });
  return sent.referrals.find((r) => r.agencyId === agencyId && r.status === 'SENT')!.id;
}

// Each follow-up when it falls due (give or take the caseworker's lateness); an unreachable returnee's case is
// proposed for closure once the schedule has run out or the failed follow-ups have escalated.
async function monitor(c: SimCase, d: SimDriver, s: CaseSnapshot): Promise<CaseSnapshot> {
  for (let n = 0; n < MAX_FOLLOW_UPS && s.currentStep === 'MONITORING'; n += 1) {
    const due = s.clocks.find((k) => k.kind === 'FOLLOW_UP')?.dueAt;
    if (due === undefined) break;
    await d.at(Math.max(d.now(), due + (c.takes.FOLLOW_UP_LATENESS ?? 0)));
    s = await d.act('record-follow-up', { reached: !c.unreachable });
    // as many failed follow-ups in a row as the process asks before a case may close as unreachable
    if (c.unreachable && n + 1 >= FAILED_FOLLOW_UPS_BEFORE_ESCALATION) return close(c, d, 'UNREACHABLE');
  }
  return s.currentStep === 'MONITORING' ? close(c, d, c.unreachable ? 'UNREACHABLE' : 'COMPLETED') : s;
}

async function close(c: SimCase, d: SimDriver, reasonCode: string): Promise<CaseSnapshot> {
  const take = (stage: ActorStage) => c.takes[stage] ?? 0;
  await d.at(d.now() + take('SUPERVISOR'));
  await d.act('propose-closure', { reasonCode, reason: 'simulated' });
  await d.at(d.now() + take('SUPERVISOR'));
  return d.act('approve-closure', {}, 'SUPERVISOR');
}
