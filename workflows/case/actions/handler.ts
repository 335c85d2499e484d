// The shape of an action's handler: the part of an action that depends on the case (its rule, where and by whom it
// may be taken, is data in workflows/definition/actions.ts).
import type { ActionPayload, ActionType, Role } from '../../definition';
import type { StaffActor } from '../../types';
import type { CaseMachine } from '../machine';

export type ActionHandler<K extends ActionType> = {
  // Whether the case allows the action now, by this role, for some payload: what allowedActions lists. null when it
  // does; left out, the action is listed wherever its rule allows it. It must agree with `guard`: an action listed is
  // one the guard accepts for some payload (test/unit/referral-rules.test.ts walks the cases to check it).
  available?: (m: CaseMachine, role: Role) => string | null;
  // The whole check of the action as sent, payload and all (left out: `available`); null when it may go ahead.
  guard?: (m: CaseMachine, payload: ActionPayload<K>, actor: StaffActor) => string | null;
  // The change: it moves the case through the machine's kernel (events, clocks, tasks, escalations, effects).
  apply: (m: CaseMachine, payload: ActionPayload<K>, actor: StaffActor) => void;
};

export type ActionHandlers = { [K in ActionType]: ActionHandler<K> };

export function isSupervisor(actor: StaffActor): boolean {
  return actor.role === 'SUPERVISOR' || actor.role === 'HEAD';
}
