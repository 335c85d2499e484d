// Each report: which queries it runs and how their rows become figures and tables.
import { STEP_IDS } from '../../workflows/definition/steps';
import type { ReportKey } from './report-definitions';
import { ReportRepository, type ReportScope, type Row } from './report.repository';
import { figure, rate, table, type Figure, type Table } from './report-shape';

type Built = { figures: Figure[]; tables: Table[] };
type Builder = (db: ReportRepository, s: ReportScope) => Promise<Built>;

const stepOrder = (step: unknown) => {
  const i = (STEP_IDS as readonly unknown[]).indexOf(step);
  return i < 0 ? STEP_IDS.length : i;
};
const byStep = (a: Row, b: Row) => stepOrder(a.step) - stepOrder(b.step);

// Rows summed by a field (the breaches per step of every office, per office of every step).
function sumBy(rows: Row[], field: string, label: string): Row[] {
  const out = new Map<string, Row>();
  for (const r of rows) {
    const key = String(r[field]);
    const acc = out.get(key) ?? { [label]: r[label] ?? null, started: 0, breached: 0 };
    acc.started = Number(acc.started) + Number(r.started);
    acc.breached = Number(acc.breached) + Number(r.breached);
    out.set(key, acc);
  }
  return [...out.values()].map((r) => ({ ...r, breachRate: rate(Number(r.breached), Number(r.started)) }));
}

const caseload: Builder = async (db, s) => {
  const [counts, steps, people] = await Promise.all([
    db.one('caseCounts', s),
    db.rows('byStep', s),
    db.rows('caseload', s),
  ]);
  return {
    figures: [
      figure('registered', counts.registered),
      figure('openAtEnd', counts.openAtEnd),
      figure('closed', counts.closed),
    ],
    tables: [
      table('byStep', ['step', 'high', 'medium', 'low', 'unscreened', 'total'], steps.sort(byStep)),
      table('caseload', ['caseworker', 'office', 'caseload', 'registered'], people),
    ],
  };
};

const timeliness: Builder = async (db, s) => {
  const [screening, referral, ack, decide, agencies] = await Promise.all([
    db.one('arrivalTo', s, ['screening.completed']),
    db.one('arrivalTo', s, ['referral.sent']),
    db.one('partnerTotals', s, [['referral.acknowledged']]),
    db.one('partnerTotals', s, [['referral.accepted', 'referral.declined']]),
    db.rows('partnerTimes', s),
  ]);
  return {
    figures: [
      figure('arrivalToScreeningMedian', screening.median),
      figure('arrivalToScreeningP90', screening.p90),
      figure('arrivalToReferralMedian', referral.median),
      figure('arrivalToReferralP90', referral.p90),
      figure('partnerAckMedian', ack.median),
      figure('partnerAckP90', ack.p90),
      figure('partnerDecideMedian', decide.median),
      figure('partnerDecideP90', decide.p90),
    ],
    tables: [table('partnerTimes', ['agency', 'ackMedian', 'ackP90', 'decideMedian', 'decideP90'], agencies)],
  };
};

const sla: Builder = async (db, s) => {
  const [steps, agencies, levels, resolve] = await Promise.all([
    db.rows('breachByStep', s),
    db.rows('breachByAgency', s),
    db.rows('escalations', s),
    db.one('escalationResolve', s),
  ]);
  const started = steps.reduce((n, r) => n + Number(r.started), 0);
  const breached = steps.reduce((n, r) => n + Number(r.breached), 0);
  const sent = agencies.reduce((n, r) => n + Number(r.sent), 0);
  const late = agencies.reduce((n, r) => n + Number(r.breached), 0);
  const level = (l: number) => levels.find((r) => Number(r.level) === l)?.opened ?? 0;
  return {
    figures: [
      figure('stepBreachRate', rate(breached, started)),
      figure('partnerBreachRate', rate(late, sent)),
      figure('escalationsLevel1', level(1)),
      figure('escalationsLevel2', level(2)),
      figure('escalationResolveMedian', resolve.median),
    ],
    tables: [
      table('breachByStep', ['step', 'started', 'breached', 'breachRate'], sumBy(steps, 'step', 'step').sort(byStep)),
      table(
        'breachByOffice',
        ['office', 'started', 'breached', 'breachRate'],
        sumBy(steps, 'officeId', 'office').sort((a, b) => String(a.office).localeCompare(String(b.office))),
      ),
      table(
        'breachByAgency',
        ['agency', 'sent', 'breached', 'breachRate'],
        agencies.map((r) => ({ ...r, breachRate: rate(Number(r.breached), Number(r.sent)) })),
      ),
      table(
        'escalations',
        ['level', 'opened', 'resolved', 'medianHours', 'p90Hours'],
        levels.map((r) => ({ ...r, medianHours: r.median ?? null, p90Hours: r.p90 ?? null })),
      ),
    ],
  };
};

const REFERRAL_COLUMNS = ['sent', 'acknowledged', 'accepted', 'declined', 'completed', 'revoked'] as const;

const referrals: Builder = async (db, s) => {
  const [agencies, services, reasons] = await Promise.all([
    db.rows('referralsByAgency', s),
    db.rows('referralsByService', s),
    db.rows('declineReasons', s),
  ]);
  const total = (field: string) => agencies.reduce((n, r) => n + Number(r[field]), 0);
  return {
    figures: [
      figure('referralsSent', total('sent')),
      figure('referralsAccepted', total('accepted')),
      figure('referralsDeclined', total('declined')),
      figure('referralsCompleted', total('completed')),
    ],
    tables: [
      table('byAgency', ['agency', ...REFERRAL_COLUMNS], agencies),
      table('byService', ['service', ...REFERRAL_COLUMNS], services),
      table('declineReasons', ['agency', 'reason', 'count'], reasons),
    ],
  };
};

const monitoring: Builder = async (db, s) => {
  const [followUps, counts] = await Promise.all([db.one('followUps', s), db.one('monitoringCounts', s)]);
  return {
    figures: [
      figure('followUpsRecorded', followUps.recorded),
      figure('followUpsOnTimeRate', rate(Number(followUps.onTime), Number(followUps.recorded))),
      figure('followUpsFailed', counts.failed),
      figure('unreachable', counts.unreachable),
    ],
    tables: [],
  };
};

export const REPORT_BUILDERS: Record<ReportKey, Builder> = { caseload, timeliness, sla, referrals, monitoring };
