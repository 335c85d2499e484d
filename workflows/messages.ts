// Every message of the case workflow, defined once and shared by the workflow and its client in src/temporal.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CaseSnapshot } from './types';

// An Update rather than a Query: the caller of POST /cases must not answer before the read model holds the case,
// and an Update (unlike a Query) may wait for the registration activity to finish.
export const awaitRegistrationUpdate = defineUpdate<CaseSnapshot>('awaitRegistration');

export const caseSnapshotQuery = defineQuery<CaseSnapshot>('caseSnapshot');
