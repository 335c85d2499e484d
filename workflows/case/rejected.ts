import type { ActionType } from '../definition';

// An action (or escalation resolution) that is not allowed now: the Update is refused with the reason and what the
// caller may do instead, and nothing is recorded.
export class ActionRejected extends Error {
  constructor(
    message: string,
    readonly allowedActions: ActionType[],
  ) {
    super(message);
  }
}
