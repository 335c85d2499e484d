import type { CaseCategory } from './steps';

const HOUR = 60 * 60 * 1000;

// Until screening sets the tier, a case is registered against the deadline of the tier its category suggests:
// a trafficking victim is HIGH (1 h), anyone else MEDIUM (4 h).
export function registrationDeadlineMs(category: CaseCategory, slaTimeScale = 1): number {
  const base = category === 'TPPO_VICTIM' ? 1 * HOUR : 4 * HOUR;
  return Math.round(base * slaTimeScale);
}
