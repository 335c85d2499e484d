// Who may call what: one row per endpoint, the single source the guard enforces (src/auth/auth.guard.ts). The API
// refuses to start when a route has no row or a row no route, and test/e2e/authorization.e2e.test.ts calls every
// row as every role, anonymously, from another office and as another partner. No framework imports.
import type { Role } from '../../workflows/definition';

// How a caller who may use the endpoint is kept to their own data (enforced by the services; 404 outside it).
//   office   only cases (and their referrals, escalations, notifications) of the caller's office
//   agency   only referrals sent to the caller's partner agency
//   own      only the caller's own tasks, and the unassigned ones of their office for their role
//   none     not about cases (sign-in, health, the process, the agency registry)
export type Scope = 'office' | 'agency' | 'office-or-agency' | 'own' | 'none';

// What the audit log records of a call: a read of personal data, or a change; and what its :id names (or its
// :docId, which the entry names in its place: which document was read matters more than through what). `query`: the
// call is audited only when it has this query parameter, and the entry's target is a keyed hash of its value (a
// search names people: the log must show that two searches were the same, never what was searched); `withoutQuery`:
// the action recorded instead when that parameter is absent (a plain list that still shows personal data).
export type Audited = {
  kind: 'read' | 'change';
  action: string;
  target?: 'case' | 'referral' | 'escalation' | 'notification' | 'agency' | 'document';
  query?: string;
  withoutQuery?: string;
};

// credential: where the caller's identity comes from: the Authorization header (the default), or the :token of a
// personal codec link (codec-link.service.ts), for the Temporal UI, which cannot send a header of ours, or the
// console's httpOnly session cookie, which the handler itself checks (a PUBLIC row: no bearer token).
export type Access = {
  roles: readonly Role[] | 'PUBLIC' | 'SIGNED_IN';
  scope: Scope;
  audit?: Audited;
  credential?: 'bearer' | 'codec-link' | 'session-cookie';
};

const STAFF: readonly Role[] = ['CASEWORKER', 'SUPERVISOR', 'HEAD'];
const SUPERVISORS: readonly Role[] = ['SUPERVISOR', 'HEAD'];
// a partner's users; the head of its unit alone decides a referral (PROCESS.md 5c)
const PARTNERS: readonly Role[] = ['PARTNER', 'PARTNER_HEAD'];

export const ACCESS_MATRIX: Readonly<Record<string, Access>> = {
  'POST /api/v1/auth/login': { roles: 'PUBLIC', scope: 'none' },
  // the console's session: the httpOnly cookie is the credential (auth.controller.ts), no bearer token
  'POST /api/v1/auth/refresh': { roles: 'PUBLIC', scope: 'none', credential: 'session-cookie' },
  'POST /api/v1/auth/logout': { roles: 'PUBLIC', scope: 'none', audit: { kind: 'change', action: 'auth.sign_out' } },
  'GET /api/v1/process-definition': { roles: 'SIGNED_IN', scope: 'none' },

  'POST /api/v1/cases': { roles: STAFF, scope: 'office', audit: { kind: 'change', action: 'case.register' } },
  // a search (?q=) reads names, national ids, passports and phones: audited, the query as a keyed hash; a plain
  // list names each returnee (name and date of birth): audited as a list
  'GET /api/v1/cases': {
    roles: STAFF,
    scope: 'office',
    audit: { kind: 'read', action: 'case.search', query: 'q', withoutQuery: 'case.list' },
  },
  'GET /api/v1/cases/:id': {
    roles: STAFF,
    scope: 'office',
    audit: { kind: 'read', action: 'case.read', target: 'case' },
  },
  // a partner passes the guard so that its attempt is a 404 (the case is not in its office) and audited
  'PATCH /api/v1/cases/:id/person': {
    roles: [...STAFF, ...PARTNERS],
    scope: 'office',
    audit: { kind: 'change', action: 'case.person.update', target: 'case' },
  },
  'GET /api/v1/cases/:id/timeline': {
    roles: STAFF,
    scope: 'office',
    audit: { kind: 'read', action: 'case.timeline.read', target: 'case' },
  },
  'POST /api/v1/cases/:id/actions': {
    roles: STAFF,
    scope: 'office',
    audit: { kind: 'change', action: 'case.action', target: 'case' },
  },
  'GET /api/v1/cases/:id/export': {
    roles: ['SUPERVISOR'],
    scope: 'office',
    audit: { kind: 'read', action: 'case.export', target: 'case' },
  },
  'POST /api/v1/cases/:id/legal-hold': {
    roles: SUPERVISORS,
    scope: 'office',
    audit: { kind: 'change', action: 'case.legal_hold', target: 'case' },
  },
  // printed letters: a partner passes the guard so that a wrong one is a 404 and audited; the service lets the
  // partner a referral was sent to print its copy of that referral's letter, and nothing else (the handover record
  // names the returnee)
  'GET /api/v1/cases/:id/letters/referral/:referralId': {
    roles: [...PARTNERS, ...STAFF],
    scope: 'office-or-agency',
    audit: { kind: 'read', action: 'letter.referral.print', target: 'case' },
  },
  'GET /api/v1/cases/:id/letters/handover': {
    roles: [...PARTNERS, ...STAFF],
    scope: 'office',
    audit: { kind: 'read', action: 'letter.handover.print', target: 'case' },
  },
  // documents: a partner is let past the guard on the case routes so that its attempt is answered 404 and audited
  // like another office's; it reads documents through its referral, as far as the consent covers
  'POST /api/v1/cases/:id/documents': {
    roles: [...STAFF, ...PARTNERS],
    scope: 'office',
    audit: { kind: 'change', action: 'document.upload', target: 'case' },
  },
  'GET /api/v1/cases/:id/documents': {
    roles: [...STAFF, ...PARTNERS],
    scope: 'office',
    audit: { kind: 'read', action: 'document.list', target: 'case' },
  },
  'GET /api/v1/cases/:id/documents/:docId': {
    roles: [...STAFF, ...PARTNERS],
    scope: 'office',
    audit: { kind: 'read', action: 'document.download', target: 'document' },
  },
  'DELETE /api/v1/cases/:id/documents/:docId': {
    roles: [...STAFF, ...PARTNERS],
    scope: 'office',
    audit: { kind: 'change', action: 'document.delete', target: 'document' },
  },
  // ?scope=office: the office's open work, for supervisors and heads only (the service answers a caseworker 403)
  'GET /api/v1/inbox': { roles: STAFF, scope: 'own' },
  // the office's staff by name and role, for a supervisor handing work on: who listed them is kept
  'GET /api/v1/staff': { roles: SUPERVISORS, scope: 'office', audit: { kind: 'read', action: 'staff.list' } },
  'GET /api/v1/escalations': { roles: SUPERVISORS, scope: 'office' },
  'POST /api/v1/escalations/:id/resolve': {
    roles: SUPERVISORS,
    scope: 'office',
    audit: { kind: 'change', action: 'escalation.resolve', target: 'escalation' },
  },

  'GET /api/v1/referrals': {
    roles: [...PARTNERS, ...STAFF],
    scope: 'office-or-agency',
    audit: { kind: 'read', action: 'referral.list' },
  },
  'GET /api/v1/referrals/:id': {
    roles: [...PARTNERS, ...STAFF],
    scope: 'office-or-agency',
    audit: { kind: 'read', action: 'referral.read', target: 'referral' },
  },
  'POST /api/v1/referrals/:id/acknowledge': {
    roles: PARTNERS,
    scope: 'agency',
    audit: { kind: 'change', action: 'referral.acknowledge', target: 'referral' },
  },
  'POST /api/v1/referrals/:id/accept': {
    roles: ['PARTNER_HEAD'],
    scope: 'agency',
    audit: { kind: 'change', action: 'referral.accept', target: 'referral' },
  },
  'POST /api/v1/referrals/:id/decline': {
    roles: ['PARTNER_HEAD'],
    scope: 'agency',
    audit: { kind: 'change', action: 'referral.decline', target: 'referral' },
  },
  'POST /api/v1/referrals/:id/complete': {
    roles: PARTNERS,
    scope: 'agency',
    audit: { kind: 'change', action: 'referral.complete', target: 'referral' },
  },
  'GET /api/v1/referrals/:id/documents': {
    roles: PARTNERS,
    scope: 'agency',
    audit: { kind: 'read', action: 'document.list', target: 'referral' },
  },
  'GET /api/v1/referrals/:id/documents/:docId': {
    roles: PARTNERS,
    scope: 'agency',
    audit: { kind: 'read', action: 'document.download', target: 'document' },
  },
  // who may revoke when is the referral workflow's (README: the revoke matrix); the head as a supervisor
  'POST /api/v1/referrals/:id/revoke': {
    roles: STAFF,
    scope: 'office',
    audit: { kind: 'change', action: 'referral.revoke', target: 'referral' },
  },

  // KPI reports: a head or supervisor of their own office (another office: 403), an admin of any office or the
  // country. Aggregates only, but the caseload table names staff: who read which report is kept
  'GET /api/v1/reports/:report': {
    roles: ['ADMIN', ...SUPERVISORS],
    scope: 'office',
    audit: { kind: 'read', action: 'report.read' },
  },
  'GET /api/v1/reports/pdf/office': {
    roles: ['ADMIN', ...SUPERVISORS],
    scope: 'office',
    audit: { kind: 'read', action: 'report.pdf' },
  },

  'GET /api/v1/partner-agencies': { roles: ['ADMIN', ...STAFF], scope: 'none' },
  'POST /api/v1/partner-agencies': {
    roles: ['ADMIN'],
    scope: 'none',
    audit: { kind: 'change', action: 'agency.create' },
  },
  'PATCH /api/v1/partner-agencies/:id': {
    roles: ['ADMIN'],
    scope: 'none',
    audit: { kind: 'change', action: 'agency.update', target: 'agency' },
  },
  'GET /api/v1/notifications': { roles: ['ADMIN', ...SUPERVISORS], scope: 'office' },
  'GET /api/v1/notifications/:id': { roles: ['ADMIN', ...SUPERVISORS], scope: 'office' },
  'POST /api/v1/notifications/:id/replay': {
    roles: ['ADMIN', 'SUPERVISOR'],
    scope: 'office',
    audit: { kind: 'change', action: 'notification.replay', target: 'notification' },
  },
  // each person's own notifications and settings (every query keyed by the caller): whoever signs in, partners too
  'GET /api/v1/me/notifications': { roles: 'SIGNED_IN', scope: 'own' },
  'GET /api/v1/me/notifications/count': { roles: 'SIGNED_IN', scope: 'own' },
  'POST /api/v1/me/notifications/read-all': { roles: 'SIGNED_IN', scope: 'own' },
  'POST /api/v1/me/notifications/:id/read': { roles: 'SIGNED_IN', scope: 'own' },
  'GET /api/v1/me/notification-settings': { roles: 'SIGNED_IN', scope: 'own' },
  'PUT /api/v1/me/notification-settings': {
    roles: 'SIGNED_IN',
    scope: 'own',
    audit: { kind: 'change', action: 'notification_settings.update' },
  },
  'GET /api/v1/audit': { roles: ['ADMIN', ...SUPERVISORS], scope: 'office' },
  // messages to staff (email, WhatsApp/SMS) given up on, and sending one again; the offices' message gateways
  'GET /api/v1/staff-messages': { roles: ['ADMIN'], scope: 'none' },
  'POST /api/v1/staff-messages/:id/resend': {
    roles: ['ADMIN'],
    scope: 'none',
    audit: { kind: 'change', action: 'staff_message.resend' },
  },
  'PUT /api/v1/offices/:id/message-gateway': {
    roles: ['ADMIN'],
    scope: 'none',
    audit: { kind: 'change', action: 'office.message_gateway' },
  },
  'DELETE /api/v1/offices/:id/message-gateway': {
    roles: ['ADMIN'],
    scope: 'none',
    audit: { kind: 'change', action: 'office.message_gateway' },
  },

  // administration: accounts, offices, the holiday calendar, SLA policies. Changes are the admin's and audited;
  // staff read the offices and the holidays, supervisors and heads the SLA policies (the deadlines they answer for)
  // staff names and e-mails: who listed them is kept
  'GET /api/v1/users': { roles: ['ADMIN'], scope: 'none', audit: { kind: 'read', action: 'user.list' } },
  'POST /api/v1/users': { roles: ['ADMIN'], scope: 'none', audit: { kind: 'change', action: 'user.create' } },
  'PATCH /api/v1/users/:id': { roles: ['ADMIN'], scope: 'none', audit: { kind: 'change', action: 'user.update' } },
  'POST /api/v1/users/:id/deactivate': {
    roles: ['ADMIN'],
    scope: 'none',
    audit: { kind: 'change', action: 'user.deactivate' },
  },
  'POST /api/v1/users/:id/reactivate': {
    roles: ['ADMIN'],
    scope: 'none',
    audit: { kind: 'change', action: 'user.reactivate' },
  },
  'POST /api/v1/users/:id/password-reset': {
    roles: ['ADMIN'],
    scope: 'none',
    audit: { kind: 'change', action: 'user.password_reset' },
  },
  'GET /api/v1/offices': { roles: ['ADMIN', ...STAFF], scope: 'none' },
  'POST /api/v1/offices': { roles: ['ADMIN'], scope: 'none', audit: { kind: 'change', action: 'office.create' } },
  'PATCH /api/v1/offices/:id': {
    roles: ['ADMIN'],
    scope: 'none',
    audit: { kind: 'change', action: 'office.update' },
  },
  'GET /api/v1/holidays': { roles: ['ADMIN', ...STAFF], scope: 'none' },
  // a dry run changes nothing but is audited all the same (who prepared which year's load)
  'PUT /api/v1/holidays/:year': {
    roles: ['ADMIN'],
    scope: 'none',
    audit: { kind: 'change', action: 'holidays.load' },
  },
  'GET /api/v1/sla-policies': { roles: ['ADMIN', ...SUPERVISORS], scope: 'none' },
  'GET /api/v1/sla-policies/:version': { roles: ['ADMIN', ...SUPERVISORS], scope: 'none' },
  'POST /api/v1/sla-policies': {
    roles: ['ADMIN'],
    scope: 'none',
    audit: { kind: 'change', action: 'sla_policy.create' },
  },
  'POST /api/v1/sla-policies/:version/activate': {
    roles: ['ADMIN'],
    scope: 'none',
    audit: { kind: 'change', action: 'sla_policy.activate' },
  },
  // moving running cases to another version (issue 20): a supervisor or head for their own office (another: 403),
  // an admin for any; the preview lists cases by number, the move changes their deadlines: both audited
  'POST /api/v1/sla-policies/:version/migrations/preview': {
    roles: ['ADMIN', ...SUPERVISORS],
    scope: 'office',
    audit: { kind: 'read', action: 'sla_migration.preview' },
  },
  'POST /api/v1/sla-policies/:version/migrations': {
    roles: ['ADMIN', ...SUPERVISORS],
    scope: 'office',
    audit: { kind: 'change', action: 'sla_migration.start' },
  },
  'GET /api/v1/sla-policies/:version/migrations/:id': {
    roles: ['ADMIN', ...SUPERVISORS],
    scope: 'office',
    audit: { kind: 'read', action: 'sla_migration.read' },
  },
  // drafts of a province's policy: an administrator any province, a head their own (the service checks the province)
  'GET /api/v1/sla-policies/drafts': { roles: ['ADMIN', 'HEAD'], scope: 'none' },
  'POST /api/v1/sla-policies/drafts': {
    roles: ['ADMIN', 'HEAD'],
    scope: 'none',
    audit: { kind: 'change', action: 'sla_policy.draft.create' },
  },
  'GET /api/v1/sla-policies/drafts/:id': { roles: ['ADMIN', 'HEAD'], scope: 'none' },
  'PATCH /api/v1/sla-policies/drafts/:id': {
    roles: ['ADMIN', 'HEAD'],
    scope: 'none',
    audit: { kind: 'change', action: 'sla_policy.draft.update' },
  },
  'DELETE /api/v1/sla-policies/drafts/:id': {
    roles: ['ADMIN', 'HEAD'],
    scope: 'none',
    audit: { kind: 'change', action: 'sla_policy.draft.delete' },
  },
  'GET /api/v1/sla-policies/drafts/:id/diff': { roles: ['ADMIN', 'HEAD'], scope: 'none' },
  'POST /api/v1/sla-policies/drafts/:id/publish': {
    roles: ['ADMIN', 'HEAD'],
    scope: 'none',
    audit: { kind: 'change', action: 'sla_policy.draft.publish' },
  },
  // what-if runs of a draft: the same reach as the draft (the service checks the province)
  'POST /api/v1/sla-policies/:id/simulations': {
    roles: ['ADMIN', 'HEAD'],
    scope: 'none',
    audit: { kind: 'change', action: 'sla_policy.simulation.create' },
  },
  'GET /api/v1/sla-policies/:id/simulations': { roles: ['ADMIN', 'HEAD'], scope: 'none' },
  'GET /api/v1/sla-policies/:id/simulations/:simulationId': { roles: ['ADMIN', 'HEAD'], scope: 'none' },
  'POST /api/v1/sla-policies/:id/simulations/:simulationId/cancel': {
    roles: ['ADMIN', 'HEAD'],
    scope: 'none',
    audit: { kind: 'change', action: 'sla_policy.simulation.cancel' },
  },

  // the Temporal UI's codec server: case data in clear, so supervisors and heads only
  'POST /codec/decode': {
    roles: SUPERVISORS,
    scope: 'none',
    audit: { kind: 'read', action: 'temporal.payload.decode' },
  },
  'POST /codec/encode': { roles: SUPERVISORS, scope: 'none' },
  // the same for the Temporal UI, through a personal link that expires (the UI cannot send our bearer token)
  'POST /api/v1/codec-links': {
    roles: SUPERVISORS,
    scope: 'none',
    audit: { kind: 'change', action: 'codec.link.issue' },
  },
  'POST /codec/link/:token/decode': {
    roles: SUPERVISORS,
    scope: 'none',
    credential: 'codec-link',
    audit: { kind: 'read', action: 'temporal.payload.decode' },
  },
  'POST /codec/link/:token/encode': { roles: SUPERVISORS, scope: 'none', credential: 'codec-link' },

  'GET /health': { roles: 'PUBLIC', scope: 'none' },
  'GET /health/ready': { roles: 'PUBLIC', scope: 'none' },
  // counts only, no case content; keep it inside the network
  'GET /metrics': { roles: 'PUBLIC', scope: 'none' },
};

// Routes the guard never sees (served by Swagger's own middleware) and so need no row.
export const UNGUARDED_PREFIXES = ['/api/docs'];

export function accessFor(method: string, path: string): Access | undefined {
  return ACCESS_MATRIX[`${method.toUpperCase()} ${path}`];
}

export function mayCall(access: Access, role: Role | null): boolean {
  if (access.roles === 'PUBLIC') return true;
  if (role === null) return false;
  return access.roles === 'SIGNED_IN' || access.roles.includes(role);
}
