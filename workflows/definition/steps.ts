// The steps of PROCESS.md as typed data. This folder imports nothing: the workflow, the API and the docs all read it.

export const STEP_IDS = [
  'REGISTRATION',
  'SCREENING',
  'EMERGENCY_CARE',
  'TPPO_REPORT',
  'REFERRAL',
  'SHELTER',
  'ASSESSMENT',
  'REHABILITATION',
  'RETURN_HANDOVER',
  'REINTEGRATION',
  'MONITORING',
  'CLOSURE',
] as const;

export type StepId = (typeof STEP_IDS)[number];

export const RISK_TIERS = ['HIGH', 'MEDIUM', 'LOW'] as const;
export type RiskTier = (typeof RISK_TIERS)[number];

export const CASE_CATEGORIES = ['PMI_PURNA', 'DEPORTEE', 'PROBLEM_PMI', 'TPPO_VICTIM'] as const;
export type CaseCategory = (typeof CASE_CATEGORIES)[number];

export type StepDefinition = {
  id: StepId;
  order: number;
  title: string;
  actor: string;
};

export const STEPS: readonly StepDefinition[] = [
  { id: 'REGISTRATION', order: 1, title: 'Registration at arrival', actor: 'help-desk officer / caseworker' },
  { id: 'SCREENING', order: 2, title: 'Screening and risk triage', actor: 'caseworker' },
  { id: 'EMERGENCY_CARE', order: 3, title: 'Emergency care: hospital or police', actor: 'caseworker' },
  { id: 'TPPO_REPORT', order: 4, title: 'Trafficking identification and report', actor: 'caseworker + supervisor' },
  { id: 'REFERRAL', order: 5, title: 'Consent and referral', actor: 'caseworker; partner agency' },
  { id: 'SHELTER', order: 6, title: 'Temporary shelter', actor: 'BP3MI / UPTD PPA / Kemensos' },
  { id: 'ASSESSMENT', order: 7, title: 'Biopsychosocial assessment and plan', actor: 'UPTD PPA + caseworker' },
  { id: 'REHABILITATION', order: 8, title: 'Rehabilitation', actor: 'hospital, psychologist, Dinsos' },
  { id: 'RETURN_HANDOVER', order: 9, title: 'Return home and handover to family', actor: 'BP3MI offices' },
  { id: 'REINTEGRATION', order: 10, title: 'Reintegration and empowerment', actor: 'home-region BP3MI, Disnaker' },
  { id: 'MONITORING', order: 11, title: 'Monitoring', actor: 'home-region caseworker / UPTD PPA' },
  { id: 'CLOSURE', order: 12, title: 'Closure', actor: 'caseworker proposes, supervisor approves' },
];

export function isStepId(value: unknown): value is StepId {
  return typeof value === 'string' && (STEP_IDS as readonly string[]).includes(value);
}
