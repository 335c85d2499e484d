// A month of an office's work for the report tests, written as read-model rows (cases, case events, referrals,
// escalations, partner notifications) the way the workflows write them, and the figures that month should give,
// worked out here from the plan itself: plain loops over the seed, not the reports' SQL.
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { DEMO_AGENCIES, DEMO_OFFICES, DEMO_USERS } from '../../src/database/seed';

const HOUR = 3_600_000;
// the seeded month, October 2026, in WITA (Palu and Makassar): [start, end)
export const SEED_MONTH = '2026-10';
const WITA = 8 * HOUR;
export const MONTH_START = Date.parse('2026-10-01T00:00:00Z') - WITA;
export const MONTH_END = Date.parse('2026-11-01T00:00:00Z') - WITA;

type SeedEvent = { type: string; step: string; at: number; data: Record<string, unknown> };
type SeedReferral = {
  id: string;
  agency: { id: string; name: string };
  services: string[];
  status: 'SENT' | 'ACKNOWLEDGED' | 'ACCEPTED' | 'DECLINED' | 'COMPLETED' | 'REVOKED';
  reason: string | null;
  sentAt: number;
  escalated: boolean;
};
type SeedEscalation = { id: string; level: 1 | 2; kind: string; openedAt: number; resolvedAt: number | null };
export type SeedCase = {
  id: string;
  officeId: string;
  officeName: string;
  category: string;
  createdAt: number;
  arrivedAt: number;
  status: 'OPEN' | 'CLOSED';
  closedAt: number | null;
  step: string;
  tier: 'HIGH' | 'MEDIUM' | 'LOW' | null;
  assignee: { id: string; name: string } | null;
  events: SeedEvent[];
  referrals: SeedReferral[];
  escalations: SeedEscalation[];
};

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STEPS = ['REGISTRATION', 'SCREENING', 'REFERRAL', 'SHELTER', 'RETURN_HANDOVER', 'MONITORING', 'CLOSURE'];
const CATEGORIES = ['PMI_PURNA', 'DEPORTEE', 'PROBLEM_PMI', 'TPPO_VICTIM'];
const AGENCIES = [DEMO_AGENCIES.uptdPpaSulteng, DEMO_AGENCIES.rsBhayangkara, DEMO_AGENCIES.dinsosSulteng];
const REASONS = ['Kapasitas penuh', 'Di luar wilayah layanan'];

// 6-minute steps, so that hours have one decimal
const sixMinutes = (r: () => number, maxHours: number) => Math.floor(r() * maxHours * 10) * (HOUR / 10);

export function seedPlan(): SeedCase[] {
  const r = mulberry32(19);
  const cases: SeedCase[] = [];
  const palu = DEMO_OFFICES.sulteng;
  const makassar = DEMO_OFFICES.sulsel;
  const workers = [
    { id: DEMO_USERS.cwPalu!.id, name: DEMO_USERS.cwPalu!.displayName },
    { id: DEMO_USERS.spvPalu!.id, name: DEMO_USERS.spvPalu!.displayName },
  ];
  // registered: 36 in Palu in the month, 8 in Makassar; and the edges: 23:30 on 30 September (not in it) and 00:10
  // on 1 October (in it), WITA; and 4 before the month, still open or closed within it
  const createdTimes: { office: typeof palu | typeof makassar; at: number }[] = [];
  for (let i = 0; i < 36; i++) createdTimes.push({ office: palu, at: MONTH_START + sixMinutes(r, 29 * 24) });
  for (let i = 0; i < 8; i++) createdTimes.push({ office: makassar, at: MONTH_START + sixMinutes(r, 29 * 24) });
  createdTimes.push({ office: palu, at: MONTH_START - 30 * 60_000 });
  createdTimes.push({ office: palu, at: MONTH_START + 10 * 60_000 });
  for (let i = 0; i < 4; i++) createdTimes.push({ office: palu, at: MONTH_START - (5 + i * 3) * 24 * HOUR });

  createdTimes.forEach(({ office, at }, i) => {
    const stepIndex = Math.floor(r() * STEPS.length);
    const tier = stepIndex === 0 && r() < 0.7 ? null : (['HIGH', 'MEDIUM', 'LOW'] as const)[Math.floor(r() * 3)]!;
    const closed = stepIndex === STEPS.length - 1 && r() < 0.8;
    const arrivedAt = at - sixMinutes(r, 3);
    const c: SeedCase = {
      id: randomUUID(),
      officeId: office.id,
      officeName: office.name,
      category: CATEGORIES[i % CATEGORIES.length]!,
      createdAt: at,
      arrivedAt,
      status: closed ? 'CLOSED' : 'OPEN',
      closedAt: closed ? at + 20 * 24 * HOUR + sixMinutes(r, 200) : null,
      step: STEPS[stepIndex]!,
      tier,
      assignee: office === palu ? workers[i % 3 === 0 ? 1 : 0]! : null,
      events: [],
      referrals: [],
      escalations: [],
    };
    let t = at;
    const ev = (type: string, step: string, data: Record<string, unknown> = {}) =>
      c.events.push({ type, step, at: t, data });
    for (let s = 0; s <= stepIndex; s++) {
      const step = STEPS[s]!;
      ev('step.started', step);
      t += sixMinutes(r, 30) + HOUR;
      if (r() < 0.3) {
        ev('sla.breached', step, { kind: 'STEP', step });
        if (r() < 0.6) {
          const openedAt = t;
          const resolved = r() < 0.7 ? openedAt + sixMinutes(r, 20) + HOUR / 10 : null;
          c.escalations.push({
            id: randomUUID(),
            level: r() < 0.3 ? 2 : 1,
            kind: 'STEP',
            openedAt,
            resolvedAt: resolved,
          });
          ev('escalation.opened', step);
        }
        t += sixMinutes(r, 5);
      }
      if (step === 'SCREENING') ev('screening.completed', step);
      if (step === 'REFERRAL') {
        const agency = AGENCIES[Math.floor(r() * AGENCIES.length)]!;
        const outcome = (['SENT', 'ACKNOWLEDGED', 'ACCEPTED', 'DECLINED', 'COMPLETED', 'REVOKED'] as const)[
          Math.floor(r() * 6)
        ]!;
        const ref: SeedReferral = {
          id: randomUUID(),
          agency,
          services: agency.services.slice(0, 1 + Math.floor(r() * 2)),
          status: outcome,
          reason: outcome === 'DECLINED' ? REASONS[Math.floor(r() * REASONS.length)]! : null,
          sentAt: t,
          escalated: r() < 0.35,
        };
        c.referrals.push(ref);
        ev('referral.sent', step, { referralId: ref.id, agencyId: agency.id });
        if (ref.escalated) {
          t += HOUR;
          c.escalations.push({ id: randomUUID(), level: 1, kind: 'PARTNER_SILENT', openedAt: t, resolvedAt: null });
          ev('escalation.opened', step);
        }
        if (outcome !== 'SENT' && outcome !== 'REVOKED') {
          t += sixMinutes(r, 30) + HOUR / 10;
          ev('referral.acknowledged', step, { referralId: ref.id, agencyId: agency.id });
          if (outcome !== 'ACKNOWLEDGED') {
            t += sixMinutes(r, 60) + HOUR / 10;
            ev(outcome === 'DECLINED' ? 'referral.declined' : 'referral.accepted', step, {
              referralId: ref.id,
              agencyId: agency.id,
            });
          }
        }
        if (outcome === 'REVOKED') ev('referral.revoked', step, { referralId: ref.id });
      }
      if (step === 'MONITORING') {
        // follow-ups: recorded, sometimes late (a FOLLOW_UP deadline passed first), sometimes not reached
        for (let k = 0; k < 3; k++) {
          t += 24 * HOUR;
          if (r() < 0.3) ev('sla.breached', step, { kind: 'FOLLOW_UP', step });
          if (r() < 0.25) {
            ev('follow_up.attempted', step, { reached: false });
            if (r() < 0.5) {
              c.escalations.push({
                id: randomUUID(),
                level: 1,
                kind: 'RETURNEE_UNREACHABLE',
                openedAt: t,
                resolvedAt: null,
              });
              ev('escalation.opened', step);
            }
          }
          t += HOUR;
          ev('follow_up.recorded', step, { reached: true });
        }
      }
    }
    cases.push(c);
  });
  return cases;
}

const iso = (ms: number) => new Date(ms).toISOString();

export async function insertPlan(db: Pool, cases: SeedCase[]): Promise<void> {
  let n = 0;
  for (const c of cases) {
    n += 1;
    const personId = randomUUID();
    await db.query(
      `INSERT INTO persons (id, full_name, sex, date_of_birth, home_province, home_regency)
       VALUES ($1, $2, 'F', '1990-01-01', 'Sulawesi Tengah', 'Kota Palu')`,
      [personId, `Laporan Seed ${n}`],
    );
    await db.query(
      `INSERT INTO cases (id, case_number, workflow_id, office_id, person_id, category, status, current_step, risk_tier,
                          assignee_id, due_at, sla_state, arrival_point, arrived_at, from_country, policy_version,
                          closed_at, created_at, updated_at, last_event_seq)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, NULL, 'ON_TIME', 'Bandara Mutiara SIS Al-Jufri', $11, 'MY',
               'seed', $12, $13, $13, $14)`,
      [
        c.id,
        `RPT-2026-${String(n).padStart(4, '0')}`,
        `report-seed-${c.id}`,
        c.officeId,
        personId,
        c.category,
        c.status,
        c.step,
        c.tier,
        c.assignee?.id ?? null,
        iso(c.arrivedAt),
        c.closedAt === null ? null : iso(c.closedAt),
        iso(c.createdAt),
        c.events.length,
      ],
    );
    for (const [i, e] of c.events.entries()) {
      await db.query(
        `INSERT INTO case_events (case_id, seq, type, actor_role, step, occurred_at, data, prev_hash, hash)
         VALUES ($1, $2, $3, 'SYSTEM', $4, $5, $6, 'seed', 'seed')`,
        [c.id, i + 1, e.type, e.step, iso(e.at), JSON.stringify(e.data)],
      );
    }
    for (const ref of c.referrals) {
      await db.query(
        `INSERT INTO referrals (id, case_id, agency_id, services, legal_basis, status, reason, sent_at, version)
         VALUES ($1, $2, $3, $4, 'CONSENT', $5, $6, $7, 1)`,
        [ref.id, c.id, ref.agency.id, JSON.stringify(ref.services), ref.status, ref.reason, iso(ref.sentAt)],
      );
      if (ref.escalated) {
        await db.query(
          `INSERT INTO notification_deliveries (idempotency_key, case_id, type, agency_id, status, data, event_id)
           VALUES ($1, $2, 'referral.escalated', $3, 'NO_ENDPOINT', $4, gen_random_uuid())`,
          [`seed-${ref.id}`, c.id, ref.agency.id, JSON.stringify({ referralId: ref.id, level: 1 })],
        );
      }
    }
    for (const e of c.escalations) {
      await db.query(
        `INSERT INTO escalations (id, case_id, office_id, level, kind, reason, step, assigned_role, status, opened_at,
                                  resolution, resolved_at, updated_seq)
         VALUES ($1, $2, $3, $4, $5, 'seed', $6, $7, $8, $9, $10, $11, 1)`,
        [
          e.id,
          c.id,
          c.officeId,
          e.level,
          e.kind,
          c.step,
          e.level === 1 ? 'SUPERVISOR' : 'HEAD',
          e.resolvedAt === null ? 'OPEN' : 'RESOLVED',
          iso(e.openedAt),
          e.resolvedAt === null ? null : 'ACKNOWLEDGE',
          e.resolvedAt === null ? null : iso(e.resolvedAt),
        ],
      );
    }
  }
}

// ---- the expected figures, by hand -----------------------------------------------------------------------------

// linear between the two nearest ranks, as a statistics textbook (and PostgreSQL's percentile_cont) defines it
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const pos = p * (s.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}

const inMonth = (ms: number | null) => ms !== null && ms >= MONTH_START && ms < MONTH_END;
const hours = (later: number, earlier: number) => (later - earlier) / HOUR;
const pct = (part: number, whole: number) => (whole === 0 ? null : (part / whole) * 100);
const round1 = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);

export type Expected = Record<string, number | null>;

// The figures of every report for the office (null: the country) in the seeded month.
export function expectedFigures(all: SeedCase[], officeId: string | null): Expected {
  const cases = all.filter((c) => officeId === null || c.officeId === officeId);
  const events = cases.flatMap((c) => c.events.map((e, i) => ({ ...e, seq: i + 1, c })));
  const referrals = cases.flatMap((c) => c.referrals.map((r) => ({ ...r, c })));
  const escalations = cases.flatMap((c) => c.escalations);
  const firstPerCase = (type: string) => {
    const first = new Map<string, { at: number; c: SeedCase }>();
    for (const e of events) if (e.type === type && inMonth(e.at) && !first.has(e.c.id)) first.set(e.c.id, e);
    return [...first.values()].map((e) => hours(e.at, e.c.arrivedAt));
  };
  const answered = (types: string[]) =>
    events
      .filter((e) => types.includes(e.type) && inMonth(e.at))
      .map((e) => hours(e.at, referrals.find((r) => r.id === e.data.referralId)!.sentAt));

  // steps begun in the month, once per case and step; breached when a STEP deadline of it passed
  const started = new Set<string>();
  const breached = new Set<string>();
  for (const e of events) {
    if (e.type === 'step.started' && inMonth(e.at)) started.add(`${e.c.id}/${e.step}`);
  }
  for (const e of events) {
    const key = `${e.c.id}/${e.step}`;
    if (e.type === 'sla.breached' && e.data.kind === 'STEP' && e.at >= MONTH_START && started.has(key))
      breached.add(key);
  }
  const sent = referrals.filter((r) => inMonth(r.sentAt));
  const escalated = escalations.filter((e) => inMonth(e.openedAt));
  const resolveHours = escalated.filter((e) => e.resolvedAt !== null).map((e) => hours(e.resolvedAt!, e.openedAt));

  const recorded = events.filter((e) => e.type === 'follow_up.recorded' && inMonth(e.at));
  const onTime = recorded.filter((rec) => {
    const before = events.filter((e) => e.c.id === rec.c.id && e.seq < rec.seq);
    const previous = Math.max(0, ...before.filter((e) => e.type === 'follow_up.recorded').map((e) => e.seq));
    return !before.some((e) => e.type === 'sla.breached' && e.data.kind === 'FOLLOW_UP' && e.seq > previous);
  });
  const unreachable = new Set(
    cases
      .filter((c) => c.escalations.some((e) => e.kind === 'RETURNEE_UNREACHABLE' && inMonth(e.openedAt)))
      .map((c) => c.id),
  );

  const screening = firstPerCase('screening.completed');
  const referral = firstPerCase('referral.sent');
  const ack = answered(['referral.acknowledged']);
  const decide = answered(['referral.accepted', 'referral.declined']);
  return {
    registered: cases.filter((c) => inMonth(c.createdAt)).length,
    openAtEnd: cases.filter((c) => c.createdAt < MONTH_END && !(c.status === 'CLOSED' && c.closedAt! < MONTH_END))
      .length,
    closed: cases.filter((c) => inMonth(c.closedAt)).length,
    arrivalToScreeningMedian: round1(percentile(screening, 0.5)),
    arrivalToScreeningP90: round1(percentile(screening, 0.9)),
    arrivalToReferralMedian: round1(percentile(referral, 0.5)),
    arrivalToReferralP90: round1(percentile(referral, 0.9)),
    partnerAckMedian: round1(percentile(ack, 0.5)),
    partnerAckP90: round1(percentile(ack, 0.9)),
    partnerDecideMedian: round1(percentile(decide, 0.5)),
    partnerDecideP90: round1(percentile(decide, 0.9)),
    stepBreachRate: round1(pct(breached.size, started.size)),
    partnerBreachRate: round1(pct(sent.filter((r) => r.escalated).length, sent.length)),
    escalationsLevel1: escalated.filter((e) => e.level === 1).length,
    escalationsLevel2: escalated.filter((e) => e.level === 2).length,
    escalationResolveMedian: round1(percentile(resolveHours, 0.5)),
    referralsSent: sent.length,
    referralsAccepted: sent.filter((r) => r.status === 'ACCEPTED' || r.status === 'COMPLETED').length,
    referralsDeclined: sent.filter((r) => r.status === 'DECLINED').length,
    referralsCompleted: sent.filter((r) => r.status === 'COMPLETED').length,
    followUpsRecorded: recorded.length,
    followUpsOnTimeRate: round1(pct(onTime.length, recorded.length)),
    followUpsFailed: events.filter((e) => e.type === 'follow_up.attempted' && inMonth(e.at)).length,
    unreachable: unreachable.size,
  };
}

// Referrals sent in the month per agency: [agency, sent, acknowledged, accepted, declined, completed, revoked]
export function expectedByAgency(all: SeedCase[], officeId: string): (string | number)[][] {
  const sent = all
    .filter((c) => c.officeId === officeId)
    .flatMap((c) => c.referrals)
    .filter((r) => inMonth(r.sentAt));
  const names = [...new Set(sent.map((r) => r.agency.name))].sort();
  const n = (rs: SeedReferral[], statuses: string[]) => rs.filter((r) => statuses.includes(r.status)).length;
  return names.map((name) => {
    const rs = sent.filter((r) => r.agency.name === name);
    return [
      name,
      rs.length,
      n(rs, ['ACKNOWLEDGED', 'ACCEPTED', 'DECLINED', 'COMPLETED']),
      n(rs, ['ACCEPTED', 'COMPLETED']),
      n(rs, ['DECLINED']),
      n(rs, ['COMPLETED']),
      n(rs, ['REVOKED']),
    ];
  });
}
