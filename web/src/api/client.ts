// The API client, typed from the served OpenAPI document (schema.d.ts, made by `npm run api-types`; an e2e test
// fails when it no longer matches what the API serves), so the console and the API cannot drift apart.
import createClient, { type Middleware } from 'openapi-fetch';
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

let token: string | null = sessionStorage.getItem('rujukan.token');
let onSignedOut: () => void = () => undefined;

export function setToken(value: string | null): void {
  token = value;
  if (value) sessionStorage.setItem('rujukan.token', value);
  else sessionStorage.removeItem('rujukan.token');
}
export function currentToken(): string | null {
  return token;
}
export function whenSignedOut(fn: () => void): void {
  onSignedOut = fn;
}

const auth: Middleware = {
  onRequest({ request }) {
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ response, request }) {
    if (response.status === 401 && !request.url.endsWith('/auth/login')) {
      setToken(null);
      onSignedOut();
    }
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: '' });
api.use(auth);

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
