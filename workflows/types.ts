// Types shared by the workflow and the API. No personal data crosses into Temporal: only ids, codes and times.
import type { CaseCategory, RiskTier, StepId } from './definition';

export type CaseStatus = 'OPEN' | 'CLOSED';

export type Actor = { userId: string | null; role: string };

export type CaseWorkflowInput = {
  caseId: string;
  officeId: string;
  personId: string;
  category: CaseCategory;
  arrival: { point: string; arrivedAt: string; fromCountry: string };
  policyVersion: string;
  // dev and tests only (DESIGN.md): multiplies every SLA duration
  slaTimeScale: number;
  registeredBy: Actor;
  registeredAt: string;
};

export type CaseSnapshot = {
  caseId: string;
  status: CaseStatus;
  currentStep: StepId;
  riskTier: RiskTier | null;
  dueAt: string | null;
  escalationLevel: 0 | 1 | 2;
  lastEventSeq: number;
};

export const CASE_WORKFLOW_TYPE = 'caseWorkflow';

export function caseWorkflowId(caseId: string): string {
  return `case-${caseId}`;
}
