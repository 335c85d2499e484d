// The engine deadline's error and what it answers, apart from Nest so that it can be checked on its own.

// How long a client is told to wait before it asks again after ENGINE_TIMEOUT (the Retry-After header).
export const ENGINE_RETRY_AFTER_SECONDS = 5;

// A call to the engine that passed TEMPORAL_CALL_TIMEOUT_MS (CaseWorkflowClient). `accepted`: the workflow had
// accepted the Update, so it will be done whatever the client does; otherwise the engine may still take it.
// Either way a retry with the same Idempotency-Key (the same updateId) attaches to it and acts at most once.
export class EngineTimeout extends Error {
  override readonly name = 'EngineTimeout';
  constructor(
    readonly accepted: boolean,
    readonly timeoutMs: number,
    cause: unknown,
  ) {
    super(`no outcome from the workflow engine within ${timeoutMs} ms`, { cause });
  }
}

// The message and details of the 503 ENGINE_TIMEOUT answer.
export function engineTimeoutBody(err: EngineTimeout): {
  message: string;
  details: { retryAfterSeconds: number; accepted: boolean };
} {
  const waited = `${Math.round(err.timeoutMs / 100) / 10} s`;
  const message = err.accepted
    ? `the workflow engine accepted this request but has no outcome yet after ${waited}; it will still be done: ` +
      'retry with the same Idempotency-Key for its outcome (it is done once)'
    : `the workflow engine did not take this request within ${waited}; it may still do so: retry with the same ` +
      'Idempotency-Key (it is done at most once)';
  return { message, details: { retryAfterSeconds: ENGINE_RETRY_AFTER_SECONDS, accepted: err.accepted } };
}
