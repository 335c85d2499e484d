// The process's ids the console shows as words (i18n: step.*, tier.*), from the one definition the workflow, the
// API and the docs read (workflows/definition/steps.ts imports nothing, so the console can bundle it).
export { CASE_CATEGORIES, RISK_TIERS as TIERS, STEP_IDS } from '../../workflows/definition/steps';
