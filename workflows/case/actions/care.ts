// Assessment and rehabilitation (steps 7 and 8), and a signed refusal of rehabilitation.
import { REHABILITATION_MAX_DAYS, REHABILITATION_REVIEW_DAYS } from '../../definition';
import type { CaseMachine } from '../machine';
import type { ActionHandlers } from './handler';

const DAY = 24 * 60 * 60 * 1000;

const rehabilitationStarted = (m: CaseMachine) =>
  m.state.rehabilitationStartedAt !== null ? null : 'rehabilitation has not started';

export const careActions = {
  'complete-assessment': {
    apply(m, p, actor) {
      const plan = p.plan ?? {};
      m.state.rehabilitationPlanned = plan.rehabilitation ?? null;
      m.state.reintegrationPlanned = plan.reintegration ?? null;
      m.event('assessment.completed', actor, {
        rehabilitation: plan.rehabilitation ?? null,
        reintegration: plan.reintegration ?? null,
        services: plan.services ?? [],
      });
      m.advance(actor);
    },
  },

  'start-rehabilitation': {
    available: (m) => (m.state.rehabilitationStartedAt === null ? null : 'rehabilitation has already started'),
    apply(m, p, actor) {
      const s = m.state;
      const now = m.now();
      s.rehabilitationStartedAt = now;
      m.dropClocks((c) => c.kind === 'STEP');
      m.addClock(
        'REHAB_REVIEW',
        'REHABILITATION',
        now,
        now + Math.round(REHABILITATION_REVIEW_DAYS * DAY * s.slaTimeScale),
      );
      m.addClock(
        'REHAB_YEAR_LIMIT',
        'REHABILITATION',
        s.arrivedAt,
        s.arrivedAt + Math.round(REHABILITATION_MAX_DAYS * DAY * s.slaTimeScale),
      );
      m.event('rehabilitation.started', actor, { services: p.services ?? [] });
    },
  },

  'record-rehabilitation-review': {
    available: rehabilitationStarted,
    apply(m, _p, actor) {
      const now = m.now();
      m.dropClocks((c) => c.kind === 'REHAB_REVIEW');
      m.addClock(
        'REHAB_REVIEW',
        'REHABILITATION',
        now,
        now + Math.round(REHABILITATION_REVIEW_DAYS * DAY * m.state.slaTimeScale),
      );
      m.event('rehabilitation.reviewed', actor, {});
    },
  },

  'complete-rehabilitation': {
    available: rehabilitationStarted,
    apply(m, _p, actor) {
      m.event('rehabilitation.completed', actor, {});
      m.advance(actor);
    },
  },

  'record-refusal': {
    apply(m, p, actor) {
      // A signed refusal moves the case on to return and monitoring, with no escalation.
      m.state.refused = true;
      m.event('rehabilitation.refused', actor, {
        signedBy: p.signedBy,
        ...(p.documentId ? { documentId: p.documentId } : {}),
      });
      m.advance(actor, 'RETURN_HANDOVER');
    },
  },
} satisfies Partial<ActionHandlers>;
