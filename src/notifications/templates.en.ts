// The words of staff messages in English, for staff who chose it. Step and reason words are the console's
// (web/src/i18n/en.ts). No framework imports.
import type { Vars, Words } from './templates.id';

const at = (v: Vars) => (v.step ? ` (step: ${v.step})` : '');

export const en: Words = {
  kind: {
    ASSIGNED: {
      subject: (v) => (v.step ? `New task: ${v.step}, case ${v.caseNumber}` : `New task: case ${v.caseNumber}`),
      headline: 'A new task for you',
      what: (v) => `Case ${v.caseNumber} is now assigned to you${at(v)}.`,
      todo: 'Please open the case and complete this step before its deadline.',
    },
    REMINDER_50: {
      subject: (v) => `Reminder: ${v.step ?? 'step'} of case ${v.caseNumber} is due${v.due ? ` ${v.due}` : ''}`,
      headline: 'Deadline reminder',
      what: (v) => `Half of the time for case ${v.caseNumber}${at(v)} has been used.`,
      todo: 'Please complete this step before its deadline.',
    },
    REMINDER_80: {
      subject: (v) => `Due soon: ${v.step ?? 'step'} of case ${v.caseNumber}${v.due ? `, ${v.due}` : ''}`,
      headline: 'The deadline is close',
      what: (v) => `Little time is left for case ${v.caseNumber}${at(v)}: 80% has been used.`,
      todo: 'Please complete it today if you can. If something stands in the way, tell your supervisor.',
    },
    REMINDER: {
      subject: (v) => `Reminder: ${v.step ?? 'step'} of case ${v.caseNumber} is due${v.due ? ` ${v.due}` : ''}`,
      headline: 'Deadline reminder',
      what: (v) =>
        v.percent === null
          ? `The time for case ${v.caseNumber}${at(v)} is running.`
          : `${v.percent}% of the time for case ${v.caseNumber}${at(v)} has been used.`,
      todo: 'Please complete this step before its deadline. If something stands in the way, tell your supervisor.',
    },
    BREACH: {
      subject: (v) => (v.step ? `Overdue: ${v.step}, case ${v.caseNumber}` : `Overdue: case ${v.caseNumber}`),
      headline: 'Deadline missed',
      what: (v) => `Case ${v.caseNumber}${at(v)} has passed its deadline.`,
      todo: 'Please look at this case and make sure someone acts: reassign the task or take it over if needed.',
    },
    ESCALATION_1: {
      subject: (v) => `Level 1 escalation: case ${v.caseNumber}`,
      headline: 'Level 1 escalation to the supervisors',
      what: (v) => `Case ${v.caseNumber}${at(v)} has been escalated to the office's supervisors.`,
      todo: 'Please resolve it in the console: reassign, take over, extend the deadline with a reason, or acknowledge.',
    },
    ESCALATION_2: {
      subject: (v) => `Level 2 escalation: case ${v.caseNumber}`,
      headline: 'Level 2 escalation to the head of office',
      what: (v) => `Case ${v.caseNumber}${at(v)} has been escalated to level 2: its deadline is long past.`,
      todo: 'Please decide on it soon. A level 2 escalation is resolved by the head of office.',
    },
    APPROVAL_WAITING: {
      subject: (v) => `Waiting for your approval: case ${v.caseNumber}`,
      headline: 'Waiting for your approval',
      what: (v) => `A decision in case ${v.caseNumber}${at(v)} is waiting for a supervisor's approval.`,
      todo: 'Please review it, then approve it or send it back with a reason.',
    },
    TRANSFER_IN: {
      subject: (v) => `Case handed over to your office: ${v.caseNumber}`,
      headline: 'A case handed over to your office',
      what: (v) => `${v.office ?? 'Another office'} has handed case ${v.caseNumber} over to your office.`,
      todo: 'Please accept the case, or send it back with a reason.',
    },
    PARTNER_DECLINED: {
      subject: (v) => `Referral declined: case ${v.caseNumber}`,
      headline: 'A partner agency declined the referral',
      what: (v) => `${v.agency ?? 'The partner agency'} declined the referral of case ${v.caseNumber}.`,
      todo: 'Please read the reason in the console, then choose another partner agency.',
    },
    PARTNER_SILENT: {
      subject: (v) => `No answer from the partner agency: case ${v.caseNumber}`,
      headline: 'The partner agency has not answered',
      what: (v) => `${v.agency ?? 'The partner agency'} has not answered the referral of case ${v.caseNumber}.`,
      todo: 'Please contact the partner agency, then record the outcome in the case.',
    },
  },
  label: {
    case: 'Case',
    step: 'Step',
    due: 'Deadline',
    risk: 'Risk tier',
    reason: 'Reason',
    agency: 'Partner agency',
    office: 'From office',
  },
  openCase: (caseNumber) => `Open case ${caseNumber}`,
  footer:
    "An automatic message from Rujukan. To protect personal data it carries no returnee's name or details; they are in the console. You can choose your notifications in the console.",
  step: {
    REGISTRATION: 'Registration at arrival',
    SCREENING: 'Screening and risk triage',
    EMERGENCY_CARE: 'Emergency care',
    TPPO_REPORT: 'Trafficking report',
    REFERRAL: 'Consent and referral',
    SHELTER: 'Temporary shelter',
    ASSESSMENT: 'Assessment and plan',
    REHABILITATION: 'Rehabilitation',
    RETURN_HANDOVER: 'Return home and handover',
    REINTEGRATION: 'Reintegration',
    MONITORING: 'Monitoring',
    CLOSURE: 'Closure',
  },
  tier: { HIGH: 'High', MEDIUM: 'Medium', LOW: 'Low' },
  reason: {
    STEP: 'The step is overdue',
    FOLLOW_UP: 'A follow-up was not recorded in time',
    REHAB_REVIEW: 'The 30-day rehabilitation review is overdue',
    REHAB_YEAR_LIMIT: 'Rehabilitation has reached a year from arrival',
    SHELTER_STAY: 'The shelter stay is past its limit',
    SUPERVISOR_REVIEW: 'The review of a referral without consent is overdue',
    SUPERVISOR_REVIEW_OVERDUE: 'The review of a referral without consent is overdue',
    PARTNER_SILENT: 'The partner agency has not answered the referral',
    PARTNER_UNREACHABLE: 'The partner agency cannot be reached',
    RETURNEE_UNREACHABLE: 'The returnee cannot be reached',
    TRANSFER_APPROVAL: 'The receiving office has not decided on the handover',
    REFERRAL_APPROVAL: 'The approval of a referral is overdue',
    TPPO_SERVICE: 'No service within 7 days of the TPPO report',
  },
  digest: {
    subject: (v) => `Morning summary, ${v.date}: ${v.dueToday} due today, ${v.overdue} overdue`,
    headline: (v) => `Morning summary, ${v.date}, ${v.office}`,
    dueToday: 'Due today',
    overdue: 'Overdue',
    none: 'None.',
    todo: 'Please take the overdue and the high-risk ones first.',
    openConsole: 'Open Rujukan',
    more: (n) => `and ${n} more: see them in the console.`,
  },
};
