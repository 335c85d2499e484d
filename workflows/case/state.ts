// What the case workflow knows of one case: the whole of it is carried across continue-as-new, so a change of its
// shape must still read a state written by older code.
import type {
  CaseCategory,
  ClosureReasonCode,
  HolidayCalendar,
  MilestonePercents,
  RiskTier,
  ScreeningFlags,
  SlaPolicy,
  StepId,
} from '../definition';
import type { CaseStatus, Clock, ConsentRecord, EscalationRecord, ReferralRecord, TaskRecord } from '../types';

export type CaseState = {
  caseId: string;
  officeId: string;
  category: CaseCategory;
  arrivedAt: number;
  policy: SlaPolicy;
  calendar: HolidayCalendar;
  slaTimeScale: number;
  status: CaseStatus;
  step: StepId;
  stepStartedAt: number;
  tier: RiskTier | null;
  indicators: string[];
  flags: ScreeningFlags;
  rehabilitationPlanned: boolean | null;
  reintegrationPlanned: boolean | null;
  refused: boolean;
  assigneeId: string | null;
  breaches: number;
  clocks: Clock[];
  escalations: EscalationRecord[];
  tasks: TaskRecord[];
  referrals: ReferralRecord[];
  consents: ConsentRecord[];
  closureProposed: boolean;
  shelter: { startedAt: number; until: number; extendedDays: number; pendingExtensionDays: number | null } | null;
  rehabilitationStartedAt: number | null;
  monitoring: { schedule: number[]; index: number; failedAttempts: number } | null;
  seq: number;
  // under 18 at arrival by the date of birth; absent in states of cases started before it was known
  childByBirth?: boolean;
  // the tier the findings gave when a person last set the tier (screening, change-risk-tier): the re-check at a
  // step's completion raises only on findings beyond it, so a supervisor's lowering stands. Absent before it was kept.
  tierBasis?: RiskTier;
  // step 9: when the returnee arrived home and was declared fit to travel (absent until recorded), and the return
  // date (arrival home, else the handover) that reintegration counts a year from
  returnHome?: { arrivedAt?: number; fitToTravelAt?: number };
  returnedAt?: number;
  // a handover to another office waiting for its decision (absent in states of cases from before handovers)
  transfer?: { toOfficeId: string; requestedAt: number; requestedBy: string | null; clockId: string } | null;
  // every office the case has belonged to, in order (absent: only officeId)
  offices?: string[];
  // the reason of the closure proposed or made (absent: COMPLETED, as before early closure)
  closure?: { reasonCode: ClosureReasonCode; duplicateOfCaseId: string | null } | null;
  // the agency of each delivery that failed (PARTNER_UNREACHABLE escalations, by event id), so an EXTEND finds
  // the referral whose deadline it moves; absent in states written before it was kept
  unreachable?: Record<string, string>;
  // a caseworker's TPPO report waiting for a supervisor's confirmation (absent: none)
  tppoReportFiled?: { reportedTo: string[] } | null;
  // the SLA migrations that moved this case (sla-migration.ts), so a retry moves it once; absent: none
  migrations?: string[];
  // the points (percent of a span) the clocks' `fired` counts were made at, when not PROCESS.md's fixed 50/80/200 %:
  // a run under policy-reminders counts at its policy's (absent: the fixed points, as every run before it did)
  milestones?: MilestonePercents;
};

export function initialCaseState(args: {
  caseId: string;
  officeId: string;
  category: CaseCategory;
  arrivedAt: number;
  registeredAt: number;
  policy: SlaPolicy;
  calendar: HolidayCalendar;
  slaTimeScale: number;
  childByBirth?: boolean;
}): CaseState {
  return {
    caseId: args.caseId,
    officeId: args.officeId,
    category: args.category,
    arrivedAt: args.arrivedAt,
    policy: args.policy,
    calendar: args.calendar,
    slaTimeScale: args.slaTimeScale,
    status: 'OPEN',
    step: 'REGISTRATION',
    stepStartedAt: args.registeredAt,
    tier: null,
    indicators: [],
    flags: {},
    rehabilitationPlanned: null,
    reintegrationPlanned: null,
    refused: false,
    assigneeId: null,
    breaches: 0,
    clocks: [],
    escalations: [],
    tasks: [],
    referrals: [],
    consents: [],
    closureProposed: false,
    shelter: null,
    rehabilitationStartedAt: null,
    monitoring: null,
    seq: 0,
    ...(args.childByBirth === undefined ? {} : { childByBirth: args.childByBirth }),
  };
}

export function isTerminal(status: ReferralRecord['status']): boolean {
  return status === 'COMPLETED' || status === 'REVOKED' || status === 'DECLINED' || status === 'REJECTED';
}
