// The API's Prometheus instruments. One registry per process; GET /metrics serves it.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'rujukan_api_' });

export const actionsTotal = new Counter({
  name: 'rujukan_actions_total',
  help:
    'Case actions and escalation resolutions received, by type and outcome ' +
    '(ok, not_allowed, forbidden, invalid, unavailable, gone, replayed)',
  labelNames: ['type', 'outcome'] as const,
  registers: [registry],
});

export const actionDuration = new Histogram({
  name: 'rujukan_action_duration_seconds',
  help: 'Time from receiving a case action to answering it, the Update and the read-model write included',
  labelNames: ['type', 'outcome'] as const,
  buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

export const httpRequests = new Histogram({
  name: 'rujukan_http_request_duration_seconds',
  help: 'HTTP requests by method, route template and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [registry],
});

// Counted from the read model at scrape time, so they hold across every worker and restart: the timeline is
// append-only, so these only grow.
export const breachesTotal = new Counter({
  name: 'rujukan_sla_breaches_total',
  help: 'Deadlines breached so far (sla.breached events), by step',
  labelNames: ['step'] as const,
  registers: [registry],
});

export const escalationsTotal = new Counter({
  name: 'rujukan_escalations_opened_total',
  help: 'Escalations opened so far, by level',
  labelNames: ['level'] as const,
  registers: [registry],
});

export const escalationsOpen = new Gauge({
  name: 'rujukan_escalations_open',
  help: 'Escalations waiting for a supervisor or the head, by level',
  labelNames: ['level'] as const,
  registers: [registry],
});

export const casesOverdue = new Gauge({
  name: 'rujukan_cases_overdue',
  help: 'Open cases past the deadline of their current step',
  registers: [registry],
});

export function timeAction(type: string): (outcome: string) => void {
  const end = actionDuration.startTimer({ type });
  return (outcome) => {
    end({ outcome });
    actionsTotal.inc({ type, outcome });
  };
}
