// The first screen's data (the inbox, or a case by its address), asked for as soon as the session is back, by the
// small first script (main.tsx) while the console's big script is still on its way: on a phone that script takes a
// second to arrive and as long again to run, and the answers need not wait for it. The screens use the same queries,
// so they find the answers there (or on their way).
import type { QueryClient } from '@tanstack/react-query';
import { api, ok, renewSession, type SessionUser } from './api/client';

export const inboxQuery = {
  queryKey: ['inbox'],
  queryFn: () => ok(api.GET('/api/v1/inbox', { params: { query: { limit: 200 } } })),
};

export const caseQuery = (id: string) => ({
  queryKey: ['case', id],
  queryFn: () => ok(api.GET('/api/v1/cases/{id}', { params: { path: { id } } })),
});

export const timelineQuery = (id: string) => ({
  queryKey: ['timeline', id],
  queryFn: () => ok(api.GET('/api/v1/cases/{id}/timeline', { params: { path: { id }, query: { verify: true } } })),
});

// the office registry, which gives the office's time zone (the inbox's times are drawn in it)
export const officesQuery = {
  queryKey: ['offices'],
  queryFn: () => ok(api.GET('/api/v1/offices')),
  staleTime: Infinity,
};

// a partner agency's user: the partner portal, never the staff screens
export const isPartner = (u: SessionUser | null): boolean => u?.role === 'PARTNER' || u?.role === 'PARTNER_HEAD';

// a sign-out the server has not heard of yet (no network): sent again at the next load, before anything else
export const SIGN_OUT_PENDING = 'rujukan.signOutPending';

type FirstQuery = { queryKey: string[]; queryFn: () => Promise<unknown> };

function firstQueries(path: string): FirstQuery[] {
  const opened = /^\/cases\/([^/]+)$/.exec(path)?.[1];
  if (opened) return [caseQuery(opened), timelineQuery(opened)];
  return path === '/' ? [inboxQuery, officesQuery] : [];
}

// what the first script asked for, by query key, until the console takes it
const early = new Map<string, Promise<unknown>>();
let session: Promise<SessionUser | null> | null = null;

const HOLD_AT_MOST = 3000; // ms

// What the first script learns first: who is signed in (null: nobody), and the first screen's answers by query key.
// It may answer with a promise: the console is handed the session only once that has settled (the app shell has
// drawn the screen's title, so the console's own title comes a frame after it, never in its place).
export type FirstAnswers = (
  user: SessionUser | null,
  answers: ReadonlyMap<string, Promise<unknown>>,
) => Promise<unknown> | void;

// Called by the first script: the session of the cookie (not while a sign-out waits to be sent, which goes first),
// then at once the first screen's data. Resolves once those requests are sent (or there are none to send).
export function startFirstScreen(path = window.location.pathname, told?: FirstAnswers): Promise<void> {
  if (localStorage.getItem(SIGN_OUT_PENDING)) return Promise.resolve();
  const renewed = renewSession();
  let shown: Promise<unknown> = Promise.resolve();
  const sent = renewed
    .then((user) => {
      if (user && !isPartner(user))
        for (const q of firstQueries(path)) {
          const answer = q.queryFn();
          answer.catch(() => undefined); // the screen's own query reports a failure
          early.set(JSON.stringify(q.queryKey), answer);
        }
      // (never more than a few seconds: a slow answer does not keep the console waiting)
      const slow = new Promise((resolve) => setTimeout(resolve, HOLD_AT_MOST));
      shown = Promise.race([told?.(user, new Map(early)), slow]).catch(() => undefined);
    })
    .catch(() => undefined);
  // (this callback runs after the one above, which set `shown`)
  session = renewed.then((user) => shown.then(() => user));
  return sent;
}

// The session the first script asked for (once: a later renewal is a new request).
export function takeFirstSession(): Promise<SessionUser | null> | null {
  const s = session;
  session = null;
  return s;
}

// The first screen's queries, answered by what the first script asked for (or asked now if it did not).
export function prefetchFirstScreen(queries: QueryClient, path = window.location.pathname): void {
  for (const q of firstQueries(path)) {
    const key = JSON.stringify(q.queryKey);
    const answer = early.get(key);
    early.delete(key);
    void queries.prefetchQuery(answer ? { ...q, queryFn: () => answer } : q);
  }
}
