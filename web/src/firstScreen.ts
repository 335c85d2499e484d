// The data of the screen a page is opened on (the inbox, or a case by its address), asked for as soon as the
// session is back rather than once that screen is drawn: on a phone, drawing the frame and the screen takes longer
// than the answers do. The screens use the same queries, so they find the answers there (or on their way).
import type { QueryClient } from '@tanstack/react-query';
import { api, ok } from './api/client';
import { officesQuery } from './officeTimeZone';

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

export function prefetchFirstScreen(queries: QueryClient, path = window.location.pathname): void {
  const opened = /^\/cases\/([^/]+)$/.exec(path)?.[1];
  if (opened) {
    void queries.prefetchQuery(caseQuery(opened));
    void queries.prefetchQuery(timelineQuery(opened));
  } else if (path === '/') {
    void queries.prefetchQuery(inboxQuery);
    // the office's time zone, which the inbox's times are drawn in
    void queries.prefetchQuery(officesQuery);
  }
}
