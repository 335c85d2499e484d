// Search attributes carry only status, step, tier, office and due time (never personal data).
// Keys are plain objects because @temporalio/workflow does not re-export defineSearchAttributeKey.
import type { upsertSearchAttributes } from '@temporalio/workflow';

type SearchAttributeUpdatePair = Extract<Parameters<typeof upsertSearchAttributes>[0], unknown[]>[number];
type KeyOf<T extends SearchAttributeUpdatePair['key']['type']> = Extract<SearchAttributeUpdatePair['key'], { type: T }>;

export const CaseStatusKey: KeyOf<'KEYWORD'> = { name: 'CaseStatus', type: 'KEYWORD' };
export const CaseStepKey: KeyOf<'KEYWORD'> = { name: 'CaseStep', type: 'KEYWORD' };
export const RiskTierKey: KeyOf<'KEYWORD'> = { name: 'RiskTier', type: 'KEYWORD' };
export const OfficeIdKey: KeyOf<'KEYWORD'> = { name: 'OfficeId', type: 'KEYWORD' };
export const DueAtKey: KeyOf<'DATETIME'> = { name: 'DueAt', type: 'DATETIME' };

// The dev server must know them before a workflow upserts them (see scripts/infra/temporal.ts).
export const CASE_SEARCH_ATTRIBUTES = [CaseStatusKey, CaseStepKey, RiskTierKey, OfficeIdKey, DueAtKey] as const;
