// The actions staff take on a case, declared once: where each may be taken, by whom (ACTION_RULES), and the payload
// it carries (ActionPayloads). The workflow's handlers (workflows/case/actions/), the API's payload DTOs
// (src/cases/action-payloads.ts, which implement these types) and GET /process-definition all read them.
import type { ScreeningFlags, TraffickingIndicator } from './process';
import type { RiskTier, StepId } from './steps';

// PARTNER_HEAD: the head of a partner's unit, who decides (accepts or declines) a referral (PROCESS.md 5c)
export const ROLES = ['CASEWORKER', 'SUPERVISOR', 'HEAD', 'PARTNER', 'ADMIN', 'PARTNER_HEAD'] as const;
export const PARTNER_ROLES: readonly Role[] = ['PARTNER', 'PARTNER_HEAD'];
export function isPartnerRole(role: string): boolean {
  return role === 'PARTNER' || role === 'PARTNER_HEAD';
}
export type Role = (typeof ROLES)[number];
const STAFF: readonly Role[] = ['CASEWORKER', 'SUPERVISOR', 'HEAD'];
const SUPERVISORS: readonly Role[] = ['SUPERVISOR', 'HEAD'];

// Where an action may be taken: at a step, at any step of an open case, or on a closed case.
export type ActionRule = { at: readonly StepId[] | 'OPEN' | 'CLOSED'; roles: readonly Role[] };

const LATER_STEPS: readonly StepId[] = [
  'REFERRAL',
  'SHELTER',
  'ASSESSMENT',
  'REHABILITATION',
  'RETURN_HANDOVER',
  'REINTEGRATION',
  'MONITORING',
];

const RULES = {
  'complete-registration': { at: ['REGISTRATION'], roles: STAFF },
  'complete-screening': { at: ['SCREENING'], roles: STAFF },
  'record-emergency-care': { at: ['EMERGENCY_CARE'], roles: STAFF },
  'file-tppo-report': { at: ['TPPO_REPORT'], roles: STAFF },
  'record-consent': { at: 'OPEN', roles: STAFF },
  // A referral can be needed later too (a hospital during rehabilitation): from the referral step on.
  'send-referral': { at: LATER_STEPS, roles: STAFF },
  'start-shelter': { at: ['SHELTER'], roles: STAFF },
  'request-shelter-extension': { at: 'OPEN', roles: STAFF },
  'approve-shelter-extension': { at: 'OPEN', roles: SUPERVISORS },
  'reject-shelter-extension': { at: 'OPEN', roles: SUPERVISORS },
  'complete-assessment': { at: ['ASSESSMENT'], roles: STAFF },
  'start-rehabilitation': { at: ['REHABILITATION'], roles: STAFF },
  'record-rehabilitation-review': { at: ['REHABILITATION'], roles: STAFF },
  'complete-rehabilitation': { at: ['REHABILITATION'], roles: STAFF },
  'record-refusal': { at: ['ASSESSMENT', 'REHABILITATION'], roles: STAFF },
  // PROCESS.md step 9: the handover is due from arrival home (HIGH) or from fit-to-travel (MEDIUM)
  'record-arrival-home': { at: ['RETURN_HANDOVER'], roles: STAFF },
  'record-fit-to-travel': { at: ['RETURN_HANDOVER'], roles: STAFF },
  'record-handover': { at: ['RETURN_HANDOVER'], roles: STAFF },
  'enrol-reintegration': { at: ['REINTEGRATION'], roles: STAFF },
  'record-follow-up': { at: ['MONITORING'], roles: STAFF },
  'change-risk-tier': { at: 'OPEN', roles: STAFF },
  // at CLOSURE for a completed case; at any open step for an early closure (the handler checks the reason code)
  'propose-closure': { at: 'OPEN', roles: STAFF },
  'approve-closure': { at: 'OPEN', roles: SUPERVISORS },
  'reject-closure': { at: 'OPEN', roles: SUPERVISORS },
  reopen: { at: 'CLOSED', roles: SUPERVISORS },
  // the returnee (or guardian) takes consent back: the referrals it covered are revoked and their partners told
  'withdraw-consent': { at: 'OPEN', roles: STAFF },
  // PROCESS.md: a referral without consent (vital interest) opens a supervisor review due within 24 h; this is it
  'review-referral': { at: 'OPEN', roles: SUPERVISORS },
  // what was said or seen, at any step: a note in the case file
  'add-note': { at: 'OPEN', roles: STAFF },
  // the handover to the BP3MI office of the home region: the current office asks, the receiving office decides
  'transfer-case': { at: 'OPEN', roles: STAFF },
  'accept-transfer': { at: 'OPEN', roles: SUPERVISORS },
  'return-transfer': { at: 'OPEN', roles: SUPERVISORS },
  // PROCESS.md 5a: a referral for a child, or without consent, waits for a supervisor before the partner hears of it
  'approve-referral': { at: 'OPEN', roles: SUPERVISORS },
  'reject-referral': { at: 'OPEN', roles: SUPERVISORS },
  // PROCESS.md step 4: the caseworker files the TPPO report, a supervisor confirms it before it goes out
  'approve-tppo-report': { at: ['TPPO_REPORT'], roles: SUPERVISORS },
} satisfies Record<string, ActionRule>;

export type ActionType = keyof typeof RULES;
export const ACTION_RULES: Readonly<Record<ActionType, ActionRule>> = RULES;
// in the table's order, which is the order of every allowedActions list
export const ACTION_TYPES = Object.keys(ACTION_RULES) as ActionType[];

// what the office a case is being handed to may do on it; everything else is for the office that has the case
export const RECEIVING_OFFICE_ACTIONS: readonly ActionType[] = ['accept-transfer', 'return-transfer'];

export function isActionType(value: unknown): value is ActionType {
  return typeof value === 'string' && Object.hasOwn(ACTION_RULES, value);
}

// ---- the values a payload may name ---------------------------------------------------------------------------------

export const CONSENT_GIVERS = ['SELF', 'GUARDIAN'] as const;
export type ConsentGiver = (typeof CONSENT_GIVERS)[number];
export const CONSENT_METHODS = ['WRITTEN', 'RECORDED', 'E_SIGNATURE'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];
export const CONSENT_PURPOSES = ['REFERRAL'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
export const LEGAL_BASES = ['CONSENT', 'VITAL_INTEREST', 'LEGAL_OBLIGATION'] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];
export const REVIEW_OUTCOMES = ['UPHELD', 'REVOKED'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];
// PROCESS.md step 3: hospital or police.
export const CARE_FACILITY_KINDS = ['HOSPITAL', 'PUSKESMAS', 'POLICE', 'OTHER'] as const;
// PROCESS.md step 4: the police (Unit PPA-PPO) and the provincial anti-trafficking task force (Gugus Tugas PP-TPPO).
export const TPPO_REPORT_RECIPIENTS = ['POLICE', 'TASK_FORCE'] as const;
// PROCESS.md step 6: Rumah Ramah / RPTC / rumah aman.
export const SHELTER_KINDS = ['RUMAH_RAMAH', 'RPTC', 'RUMAH_AMAN', 'OTHER'] as const;
// PROCESS.md: the returnee signs the refusal, or the family for someone not legally competent.
export const REFUSAL_SIGNERS = ['SELF', 'FAMILY'] as const;
// PROCESS.md step 9: handover to the family; with no family, to Kemensos.
export const HANDOVER_RECIPIENTS = ['FAMILY', 'KEMENSOS'] as const;
// Why a case closes: COMPLETED is the end of the process (step 12); the others close it early, at any open step.
export const CLOSURE_REASON_CODES = [
  'COMPLETED',
  'DIED',
  'MIGRATED_AGAIN',
  'UNREACHABLE',
  'DUPLICATE',
  'INFORMATION_ONLY',
] as const;
export type ClosureReasonCode = (typeof CLOSURE_REASON_CODES)[number];

// ---- the payload of each action ----------------------------------------------------------------------------------

// A note a caseworker may add to most actions. Its words never reach the workflow (narrative text stays in
// PostgreSQL): the API keeps them in case_notes and hands the workflow the note's id (ActionRequestPayload below).
type Notes = { noteId?: string };
// The uploaded signed document an action records (the consent form, the refusal, the berita acara): its id only.
type SignedDocument = { documentId?: string };

export type ActionPayloads = {
  'complete-registration': Notes;
  'complete-screening': { indicators: TraffickingIndicator[]; flags: ScreeningFlags; riskTier?: RiskTier } & Notes;
  'record-emergency-care': { facilityKind?: (typeof CARE_FACILITY_KINDS)[number] } & Notes;
  'file-tppo-report': { reportedTo?: (typeof TPPO_REPORT_RECIPIENTS)[number][] } & Notes;
  'record-consent': {
    givenBy: ConsentGiver;
    // required when givenBy is GUARDIAN
    guardian?: { name: string; relationship: string };
    method: ConsentMethod;
    purpose: ConsentPurpose;
    recipientAgencyId: string;
    dataCategories: string[];
    expiresAt: string;
  } & SignedDocument;
  // consentId: required when legalBasis is CONSENT
  'send-referral': { agencyId: string; services: string[]; legalBasis: LegalBasis; consentId?: string };
  'start-shelter': { shelterKind?: (typeof SHELTER_KINDS)[number] } & Notes;
  'request-shelter-extension': { days: number; reason: string };
  'approve-shelter-extension': Notes;
  'reject-shelter-extension': { reason: string } & Notes;
  'complete-assessment': { plan: AssessmentPlan } & Notes;
  'start-rehabilitation': { services?: string[] } & Notes;
  'record-rehabilitation-review': Notes;
  'complete-rehabilitation': Notes;
  'record-refusal': { signedBy: (typeof REFUSAL_SIGNERS)[number] } & Notes & SignedDocument;
  // at: when it happened (default: now)
  'record-arrival-home': { at?: string } & Notes;
  'record-fit-to-travel': { at?: string } & Notes;
  // witnessId: the berita acara's witness, whose name the API keeps in PostgreSQL (the request sends witnessedBy)
  'record-handover': { handedTo: (typeof HANDOVER_RECIPIENTS)[number]; witnessId?: string } & Notes & SignedDocument;
  'enrol-reintegration': { programme?: string } & Notes;
  'record-follow-up': { reached: boolean } & Notes;
  'change-risk-tier': { riskTier: RiskTier; reason: string };
  // reasonCode left out: COMPLETED (payloads of cases from before early closure have none)
  'propose-closure': { reasonCode?: ClosureReasonCode; reason?: string; duplicateOfCaseId?: string };
  'approve-closure': Notes;
  'reject-closure': { reason?: string };
  reopen: { reason: string; step?: StepId };
  'withdraw-consent': { consentId: string; reason: string };
  'review-referral': { referralId: string; outcome: ReviewOutcome; noteId: string };
  'add-note': { noteId: string };
  'transfer-case': { toOfficeId: string; reason?: string };
  // assigneeId: a caseworker of the receiving office who takes the case on (left out: its queue)
  'accept-transfer': { assigneeId?: string } & Notes;
  'return-transfer': { reason: string };
  'approve-referral': { referralId: string } & Notes;
  'reject-referral': { referralId: string; reason: string };
  'approve-tppo-report': Notes;
};

export type ActionPayload<K extends ActionType> = ActionPayloads[K];

// What a client sends for an action (the body's `payload`): the action's payload with the words of its note, `notes`
// (add-note: `text`), in place of the note's id.
type NoteWords<K extends ActionType> = K extends 'add-note'
  ? { text: string }
  : ActionPayloads[K] extends { noteId: string }
    ? { notes: string }
    : ActionPayloads[K] extends { noteId?: string }
      ? { notes?: string }
      : unknown;
export type ActionRequestPayload<K extends ActionType> = Omit<ActionPayloads[K], 'noteId'> & NoteWords<K>;

// The intervention plan of the assessment: which of the later steps the case takes (left out: by the risk tier).
export type AssessmentPlan = { rehabilitation?: boolean; reintegration?: boolean; services?: string[] };
