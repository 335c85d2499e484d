// The API client, typed from the served OpenAPI document (schema.d.ts, made by `npm run api-types`; an e2e test
// fails when it no longer matches what the API serves), so the console and the API cannot drift apart.
import createClient from 'openapi-fetch';
import { reportConnection, setConnectionProbe } from './connection';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export type ErrorBody = Schemas['ErrorBody'] & { allowedActions?: string[] };

// An answer that is not 2xx, with what the console shows of it.
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(body.message);
  }
  get code(): string {
    return this.body.error;
  }
}

// The access token lives in this page's memory only (no script-readable storage to steal it from); a reload gets
// a new one from the session cookie (renewSession), which no script can read.
let token: string | null = null;
let onSignedOut: () => void = () => undefined;

export function setToken(value: string | null): void {
  token = value;
}
export function currentToken(): string | null {
  return token;
}
// Called when the session has ended under the user's feet (its refresh refused): the sign-in screen, in words.
export function whenSignedOut(fn: () => void): void {
  onSignedOut = fn;
}

const AUTH_ROUTES = /\/api\/v1\/auth\/(login|refresh|logout)$/;

// One request to the API: the token added, and what its answer (or the lack of one) says of the connection.
async function send(request: Request): Promise<Response> {
  if (token && !AUTH_ROUTES.test(new URL(request.url).pathname))
    request.headers.set('authorization', `Bearer ${token}`);
  let response: Response;
  try {
    response = await fetch(request);
  } catch (err) {
    if (!(err instanceof DOMException && err.name === 'AbortError')) reportConnection('unreachable');
    throw err;
  }
  reportConnection(response.status === 503 ? 'unavailable' : 'ok');
  return response;
}

// A 401 (the access token ran out, 15 minutes by default): the session renewed once, and the request sent again.
async function sessionFetch(request: Request): Promise<Response> {
  if (AUTH_ROUTES.test(new URL(request.url).pathname)) return send(request);
  const again = request.clone(); // a body can be read only once
  const sentWith = token;
  const response = await send(request);
  if (response.status !== 401 || !sentWith) return response;
  // another request renewed it meanwhile, or this one does (a network failure here is thrown: retried later)
  if (token === sentWith && !(await renewSession())) {
    onSignedOut();
    return response;
  }
  return send(again);
}

export type SessionUser = Schemas['UserResponseDto'];

// A new access token from the session cookie: the user, or null when there is no session (any more). Thrown: a
// network failure or a 503, when nobody can tell. One at a time in this page (single flight), and across the
// browser's tabs (a Web Lock), since each refresh spends the cookie's token and a spent one used again would end
// the session.
let renewing: Promise<SessionUser | null> | null = null;
export function renewSession(): Promise<SessionUser | null> {
  renewing ??= exclusive(async () => {
    const { data, response } = await api.POST('/api/v1/auth/refresh');
    if (response.status === 401) {
      token = null;
      return null;
    }
    if (!response.ok || !data) throw new ApiFailure(response.status, { error: 'UNAVAILABLE', message: '' });
    token = data.accessToken;
    return data.user;
  }).finally(() => {
    renewing = null;
  });
  return renewing;
}

function exclusive<T>(work: () => Promise<T>): Promise<T> {
  // Web Locks exist in secure contexts (https, and http to 127.0.0.1 or localhost)
  return 'locks' in navigator ? (navigator.locks.request('rujukan.session', work) as Promise<T>) : work();
}

export const api = createClient<paths>({ baseUrl: '', fetch: sessionFetch });
setConnectionProbe(() => api.GET('/health/ready'));

// The data of an answer, or an ApiFailure (a network failure stays a TypeError, which the console retries).
export async function ok<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok) return data as T;
  const body =
    error && typeof error === 'object' && 'error' in error
      ? (error as ErrorBody)
      : { error: 'UNKNOWN', message: response.statusText };
  throw new ApiFailure(response.status, body);
}
