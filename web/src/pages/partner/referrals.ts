// What the partner portal's pages share: its agency's referrals (the one list the API gives a partner, with the
// allow-list and the consent already applied: nothing else is asked for), what each still waits for from the
// partner, and how urgent that is.
import { useQuery } from '@tanstack/react-query';
import { api, ApiFailure, ok, type Schemas } from '../../api/client';
import { dayIn, DEFAULT_TIME_ZONE } from '../../format';

export type Referral = Schemas['ReferralViewDto'];
export type Owed = 'acknowledge' | 'decide' | 'complete';

export const PARTNER_REFERRALS = ['partner-referrals'] as const;

// every referral of the agency the API gives at once (200, its largest page), asked again every 30 s
export function usePartnerReferrals() {
  return useQuery({
    queryKey: PARTNER_REFERRALS,
    queryFn: () => ok(api.GET('/api/v1/referrals', { params: { query: { limit: 200 } } })),
    refetchInterval: 30_000,
  });
}

// one referral of the agency, by its id (the list holds only its newest 200), asked again every 30 s
export function usePartnerReferral(id: string) {
  return useQuery({
    queryKey: [...PARTNER_REFERRALS, id],
    queryFn: () => ok(api.GET('/api/v1/referrals/{id}', { params: { path: { id } } })),
    refetchInterval: 30_000,
    // a referral not sent to the agency answers 404: asking again changes nothing
    retry: (count, error) => !(error instanceof ApiFailure && error.status === 404) && count < 3,
  });
}

// The answer the referral waits for from the partner, if any (a head may decide at once, which acknowledges too).
export function owed(r: Referral): Owed | null {
  if (r.status === 'SENT') return 'acknowledge';
  if (r.status === 'ACKNOWLEDGED') return 'decide';
  if (r.status === 'ACCEPTED') return 'complete';
  return null;
}

// The deadline of the answer owed (completing has none).
export function dueOf(r: Referral): string | null {
  const phase = owed(r);
  return phase === 'acknowledge' || phase === 'decide' ? r.partnerDeadlines[phase].dueAt : null;
}

// overdue, due today (in the agencies' zone: the demo's are in Sulawesi Tengah, WITA), or neither
export function urgency(r: Referral, now: number): 'overdue' | 'today' | null {
  const due = dueOf(r);
  if (!due) return null;
  if (Date.parse(due) < now) return 'overdue';
  return dayIn(due, DEFAULT_TIME_ZONE) === dayIn(now, DEFAULT_TIME_ZONE) ? 'today' : null;
}

// Most urgent first: those waiting for an answer, soonest deadline first (none last), then the newest; then the rest,
// newest first.
export function byUrgency(a: Referral, b: Referral): number {
  const waits = (r: Referral) => (owed(r) ? 0 : 1);
  const due = (r: Referral) => (dueOf(r) ? Date.parse(dueOf(r)!) : Infinity);
  return waits(a) - waits(b) || due(a) - due(b) || Date.parse(b.sentAt) - Date.parse(a.sentAt);
}
