// A task of the inbox in the user's words: a step's task by its step, the others by their kind and the title the
// workflow stores (workflows/definition/steps.ts TASK_TITLES); a title the console does not know yet is shown as sent.
import i18n from './i18n';

const BY_TITLE: Record<string, string> = {
  'Contact the partner agency about the referral': 'task.contactPartner',
  'Review a referral made without consent (vital interest)': 'task.vitalInterestReview',
  'Approve or refuse a shelter extension': 'task.shelterExtension',
  'Approve or reject the closure': 'task.closure',
  'Accept or return a case transferred to this office': 'task.transfer',
  'Approve or reject a referral (a child, or without consent)': 'task.referralApproval',
  'Confirm the TPPO report to the police and task force': 'task.tppoReport',
};

export function taskWords(task: { kind: string; step: string; title: string }): string {
  if (task.kind === 'STEP') return i18n.t(`stepTask.${task.step}`);
  const key = Object.entries(BY_TITLE).find(([title]) => task.title.startsWith(title))?.[1];
  return key ? i18n.t(key) : task.title;
}
