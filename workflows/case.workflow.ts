// The case workflow: the truth of where one returnee's case stands.
// Deterministic: imports only @temporalio/workflow, files of workflows/, and activity types.
import { condition, proxyActivities, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { CaseActivities } from '../src/activities/case.activities';
import type { RiskTier, StepId } from './definition';
import { registrationDeadlineMs } from './definition';
import { awaitRegistrationUpdate, caseSnapshotQuery } from './messages';
import { CaseStatusKey, CaseStepKey, DueAtKey, OfficeIdKey } from './search-attributes';
import type { CaseSnapshot, CaseStatus, CaseWorkflowInput } from './types';

const acts = proxyActivities<CaseActivities>({
  startToCloseTimeout: '30 seconds',
  // Postgres may be down for a while: keep retrying, with backoff, rather than lose a write.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

export async function caseWorkflow(input: CaseWorkflowInput): Promise<void> {
  let status: CaseStatus = 'OPEN';
  const currentStep: StepId = 'REGISTRATION';
  const riskTier: RiskTier | null = null;
  let escalationLevel: 0 | 1 | 2 = 0;
  let seq = 0;
  let registered = false;

  const stepStartedAt = Date.parse(input.registeredAt);
  const dueAtMs = stepStartedAt + registrationDeadlineMs(input.category, input.slaTimeScale);
  const dueAt = new Date(dueAtMs).toISOString();

  const snapshot = (): CaseSnapshot => ({
    caseId: input.caseId,
    status,
    currentStep,
    riskTier,
    dueAt,
    escalationLevel,
    lastEventSeq: seq,
  });

  setHandler(caseSnapshotQuery, snapshot);
  // Answers once the read model holds the case, so POST /cases can read its own write.
  setHandler(awaitRegistrationUpdate, async () => {
    await condition(() => registered);
    return snapshot();
  });

  upsertSearchAttributes([
    { key: CaseStatusKey, value: status },
    { key: CaseStepKey, value: currentStep },
    { key: OfficeIdKey, value: input.officeId },
    { key: DueAtKey, value: new Date(dueAtMs) },
  ]);

  seq += 1;
  await acts.registerCase({ input, seq, dueAt, workflowId: workflowInfo().workflowId });
  registered = true;

  // This foundation slice stops at registration: the full step machine arrives with the process definition.
  // The registration deadline is still a real durable timer so the wiring of deadlines is exercised end to end.
  const completed = await condition(() => status !== 'OPEN', dueAtMs - Date.now());
  if (!completed) {
    escalationLevel = 1;
    seq += 1;
    await acts.recordStepOverdue({ caseId: input.caseId, seq, step: currentStep, dueAt });
    await condition(() => status !== 'OPEN');
  }
  status = 'CLOSED';
}
