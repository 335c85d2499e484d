// The bundle of the benchmark worker: the real workflows and the baseline.
export { caseWorkflow } from '../../workflows/case.workflow';
export { referralWorkflow } from '../../workflows/referral.workflow';
export { baselineTimerWorkflow, baselineWorkflow } from './baseline.workflow';
