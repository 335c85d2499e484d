// The partner's deadlines the case answer gives with each referral (src/referrals/partner-deadlines.ts): counted as
// the referral workflow counts them, on the policy's table and the office's working days.
import { createCalendar } from '../../workflows/definition/calendar';
import { DEFAULT_SLA_POLICY } from '../../workflows/definition/sla-policy';
import { partnerDeadlines, type DeadlineBasis } from '../../src/referrals/partner-deadlines';

// WITA wall-clock times; 2026-12-25 is a national holiday
const wita = (local: string) => new Date(`${local}+08:00`);
const at = (local: string) => wita(local).toISOString();
const calendar = createCalendar([{ date: '2026-12-25' }]);
const basis = (tier: DeadlineBasis['tier'], slaTimeScale = 1): DeadlineBasis => ({
  tier,
  calendar,
  policy: DEFAULT_SLA_POLICY,
  slaTimeScale,
});

describe('partnerDeadlines', () => {
  it('should give a sent referral only the deadline to acknowledge, counted from the sending', () => {
    const sut = partnerDeadlines(
      { status: 'SENT', sentAt: wita('2026-12-07T10:00:00'), acknowledgedAt: null, decidedAt: null },
      basis('HIGH'),
    );
    expect(sut).toEqual({
      acknowledge: { dueAt: at('2026-12-07T12:00:00'), answeredAt: null },
      decide: { dueAt: null, answeredAt: null },
    });
  });

  it('should count the decision from the acknowledgement, on working days for a LOW case', () => {
    const sut = partnerDeadlines(
      {
        status: 'DECLINED',
        // Thursday before Christmas: 3 working days skip the holiday and the weekend
        sentAt: wita('2026-12-24T09:00:00'),
        acknowledgedAt: wita('2026-12-31T09:00:00'),
        decidedAt: wita('2027-01-02T09:00:00'),
      },
      basis('LOW'),
    );
    expect(sut?.acknowledge).toEqual({ dueAt: at('2026-12-30T09:00:00'), answeredAt: at('2026-12-31T09:00:00') });
    // 7 d: the first 24 h, then 6 working days (Friday 1 January, then Monday 4 to Monday 11)
    expect(sut?.decide).toEqual({ dueAt: at('2027-01-11T09:00:00'), answeredAt: at('2027-01-02T09:00:00') });
  });

  it('should scale with SLA_TIME_SCALE as the workflow does', () => {
    const sut = partnerDeadlines(
      { status: 'SENT', sentAt: wita('2026-12-07T10:00:00'), acknowledgedAt: null, decidedAt: null },
      basis('MEDIUM', 0.002),
    );
    expect(sut?.acknowledge.dueAt).toBe(
      new Date(wita('2026-12-07T10:00:00').getTime() + 24 * 3600_000 * 0.002).toISOString(),
    );
  });

  it('should give no deadline before screening set a tier, and none at all to a referral never sent', () => {
    const sent = { status: 'SENT', sentAt: wita('2026-12-07T10:00:00'), acknowledgedAt: null, decidedAt: null };
    expect(partnerDeadlines(sent, basis(null))?.acknowledge.dueAt).toBeNull();
    expect(partnerDeadlines({ ...sent, status: 'PENDING_APPROVAL' }, basis('HIGH'))).toBeNull();
    expect(partnerDeadlines({ ...sent, status: 'REJECTED' }, basis('HIGH'))).toBeNull();
  });
});
