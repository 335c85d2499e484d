import { isStepId, STEPS, STEP_IDS } from '../../workflows/definition';

describe('process definition', () => {
  it('should list the twelve steps of PROCESS.md in order', () => {
    expect(STEPS.map((s) => s.id)).toEqual([...STEP_IDS]);
    expect(STEPS.map((s) => s.order)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(isStepId('SCREENING')).toBe(true);
    expect(isStepId('SCREEN')).toBe(false);
  });
});
