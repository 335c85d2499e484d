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
  // the title of the step's task in the assignee's inbox
  taskTitle: string;
};

export const STEPS: readonly StepDefinition[] = [
  {
    id: 'REGISTRATION',
    order: 1,
    title: 'Registration at arrival',
    actor: 'help-desk officer / caseworker',
    taskTitle: 'Complete the registration',
  },
  {
    id: 'SCREENING',
    order: 2,
    title: 'Screening and risk triage',
    actor: 'caseworker',
    taskTitle: 'Screen the returnee and set the risk tier',
  },
  {
    id: 'EMERGENCY_CARE',
    order: 3,
    title: 'Emergency care: hospital or police',
    actor: 'caseworker',
    taskTitle: 'Arrange emergency care',
  },
  {
    id: 'TPPO_REPORT',
    order: 4,
    title: 'Trafficking identification and report',
    actor: 'caseworker + supervisor',
    taskTitle: 'Report trafficking to the police and task force',
  },
  {
    id: 'REFERRAL',
    order: 5,
    title: 'Consent and referral',
    actor: 'caseworker; partner agency',
    taskTitle: 'Record consent and refer to a partner agency',
  },
  {
    id: 'SHELTER',
    order: 6,
    title: 'Temporary shelter',
    actor: 'BP3MI / UPTD PPA / Kemensos',
    taskTitle: 'Place the returnee in a shelter',
  },
  {
    id: 'ASSESSMENT',
    order: 7,
    title: 'Biopsychosocial assessment and plan',
    actor: 'UPTD PPA + caseworker',
    taskTitle: 'Complete the assessment and intervention plan',
  },
  {
    id: 'REHABILITATION',
    order: 8,
    title: 'Rehabilitation',
    actor: 'hospital, psychologist, Dinsos',
    taskTitle: 'Start and follow the rehabilitation',
  },
  {
    id: 'RETURN_HANDOVER',
    order: 9,
    title: 'Return home and handover to family',
    actor: 'BP3MI offices',
    taskTitle: 'Hand the returnee over to the family',
  },
  {
    id: 'REINTEGRATION',
    order: 10,
    title: 'Reintegration and empowerment',
    actor: 'home-region BP3MI, Disnaker',
    taskTitle: 'Enrol the returnee in reintegration',
  },
  {
    id: 'MONITORING',
    order: 11,
    title: 'Monitoring',
    actor: 'home-region caseworker / UPTD PPA',
    taskTitle: 'Record the follow-ups',
  },
  {
    id: 'CLOSURE',
    order: 12,
    title: 'Closure',
    actor: 'caseworker proposes, supervisor approves',
    taskTitle: 'Propose the closure',
  },
];

// The titles of the tasks that are not a step's own. A task's title is stored with it, and the shelter extension's
// approval is found again by its title: change none of them.
export const TASK_TITLES = {
  contactPartner: 'Contact the partner agency about the referral',
  vitalInterestReview: 'Review a referral made without consent (vital interest)',
  shelterExtension: 'Approve or refuse a shelter extension',
  closure: 'Approve or reject the closure',
  transfer: 'Accept or return a case transferred to this office',
  referralApproval: 'Approve or reject a referral (a child, or without consent)',
  tppoReport: 'Confirm the TPPO report to the police and task force',
} as const;

export function stepTaskTitle(step: StepId): string {
  return STEPS.find((s) => s.id === step)!.taskTitle;
}

export function isStepId(value: unknown): value is StepId {
  return typeof value === 'string' && (STEP_IDS as readonly string[]).includes(value);
}
