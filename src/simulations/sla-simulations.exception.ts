import { HttpStatus } from '@nestjs/common';
import { ApiError } from '../common/api-error';

// The refusals of a what-if besides the draft's own (SlaDraftException: not found, another province) and field
// errors (VALIDATION_FAILED): one run of a draft at a time; the run asked for does not exist; a run that has
// already ended is not cancelled.
export type SlaSimulationErrorCode = 'SLA_SIMULATION_RUNNING' | 'SLA_SIMULATION_NOT_FOUND' | 'SLA_SIMULATION_ENDED';

const STATUS: Record<SlaSimulationErrorCode, HttpStatus> = {
  SLA_SIMULATION_RUNNING: HttpStatus.CONFLICT,
  SLA_SIMULATION_NOT_FOUND: HttpStatus.NOT_FOUND,
  SLA_SIMULATION_ENDED: HttpStatus.CONFLICT,
};

export class SlaSimulationException extends ApiError {
  constructor(code: SlaSimulationErrorCode, message: string, extra?: Record<string, unknown>) {
    super(STATUS[code], code, message, undefined, extra);
  }
}
