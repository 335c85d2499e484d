import { HttpStatus, type Logger } from '@nestjs/common';
import {
  ApplicationFailure,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ApiError } from '../common/api-error';
import { ENGINE_RETRY_AFTER_SECONDS, EngineTimeout, engineTimeoutBody } from './engine-timeout';

export type UpdateOutcome = 'ok' | 'not_allowed' | 'invalid' | 'unavailable' | 'gone';

// 503 ENGINE_TIMEOUT with Retry-After (api-exception.filter.ts sets the header from details.retryAfterSeconds).
export function engineTimeoutError(err: EngineTimeout): ApiError {
  const { message, details } = engineTimeoutBody(err);
  return new ApiError(HttpStatus.SERVICE_UNAVAILABLE, 'ENGINE_TIMEOUT', message, details);
}

// What a refused or failed Update means to the client. The workflow refuses with an ApplicationFailure whose type
// says why (ACTION_NOT_ALLOWED carries the actions allowed now); anything else is the engine, not the request.
export function updateError(err: unknown): { outcome: UpdateOutcome; error: ApiError } {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    const failure = err.cause;
    if (failure.type === 'ACTION_NOT_ALLOWED') {
      const allowedActions = (failure.details?.[0] as string[] | undefined) ?? [];
      return {
        outcome: 'not_allowed',
        error: new ApiError(
          HttpStatus.CONFLICT,
          'ACTION_NOT_ALLOWED',
          failure.message,
          { allowedActions },
          { allowedActions },
        ),
      };
    }
    if (failure.type === 'REASON_REQUIRED') {
      return {
        outcome: 'invalid',
        error: new ApiError(HttpStatus.UNPROCESSABLE_ENTITY, 'VALIDATION_FAILED', failure.message, [
          { field: 'reason', problems: [failure.message] },
        ]),
      };
    }
    if (failure.type === 'INVALID_PAYLOAD') {
      return {
        outcome: 'invalid',
        error: new ApiError(HttpStatus.UNPROCESSABLE_ENTITY, 'INVALID_PAYLOAD', failure.message),
      };
    }
  }
  if (err instanceof WorkflowNotFoundError) {
    return {
      outcome: 'gone',
      error: new ApiError(
        HttpStatus.CONFLICT,
        'CASE_ARCHIVED',
        'the case is closed and past its reopening window; it can no longer change',
      ),
    };
  }
  if (err instanceof EngineTimeout) return { outcome: 'unavailable', error: engineTimeoutError(err) };
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
    return {
      outcome: 'unavailable',
      error: new ApiError(
        HttpStatus.SERVICE_UNAVAILABLE,
        'ENGINE_TIMEOUT',
        'the workflow engine did not answer in time; retry with the same Idempotency-Key',
        { retryAfterSeconds: ENGINE_RETRY_AFTER_SECONDS },
      ),
    };
  }
  return {
    outcome: 'unavailable',
    error: new ApiError(
      HttpStatus.SERVICE_UNAVAILABLE,
      'ENGINE_UNAVAILABLE',
      'the workflow engine is not reachable; retry with the same Idempotency-Key',
    ),
  };
}

// Sends an Update of a case and answers with what it returns; a refusal or failure becomes the API error above
// (logged when it is the engine's).
export async function sendCaseUpdate<T>(logger: Logger, caseId: string, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (err) {
    const { outcome, error } = updateError(err);
    if (outcome === 'unavailable')
      logger.warn({
        msg: 'case update failed in the engine',
        caseId,
        error: (err as Error).name,
        ...(err instanceof EngineTimeout ? { accepted: err.accepted } : {}),
      });
    throw error;
  }
}
