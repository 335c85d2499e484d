import { ApiError } from '../common/api-error';
import { timeAction } from './metrics';

// Counts and times one request in /metrics under its type and outcome.
export async function measured<T extends object>(type: string, run: () => Promise<T>): Promise<T> {
  const done = timeAction(type);
  try {
    const result = await run();
    done((result as { replayed?: boolean }).replayed ? 'replayed' : 'ok');
    return result;
  } catch (err) {
    done(outcomeOf(err));
    throw err;
  }
}

function outcomeOf(err: unknown): string {
  const status = err instanceof ApiError ? err.getStatus() : 500;
  const code = err instanceof ApiError ? (err.getResponse() as { error?: string }).error : undefined;
  if (code === 'ACTION_NOT_ALLOWED') return 'not_allowed';
  if (code === 'CASE_ARCHIVED') return 'gone';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status >= 500) return 'unavailable';
  return 'invalid';
}
