// Every action's handler, by type: the compiler refuses a type of ACTION_TYPES without one.
import { careActions } from './care';
import { caseFileActions } from './case-file';
import { closureActions } from './closure';
import type { ActionHandlers } from './handler';
import { intakeActions } from './intake';
import { referralActions } from './referral';
import { returnHomeActions } from './return-home';
import { shelterActions } from './shelter';
import { transferActions } from './transfer';

export const ACTION_HANDLERS: ActionHandlers = {
  ...intakeActions,
  ...referralActions,
  ...shelterActions,
  ...careActions,
  ...returnHomeActions,
  ...closureActions,
  ...caseFileActions,
  ...transferActions,
};
