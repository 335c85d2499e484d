// What goes into the case file at any step without moving the case.
import type { ActionHandlers } from './handler';

export const caseFileActions = {
  // the kernel records the note (note.added) before any handler runs: nothing more to do
  'add-note': { apply() {} },
} satisfies Partial<ActionHandlers>;
