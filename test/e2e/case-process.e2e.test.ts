import { DEMO_OFFICES } from '../../src/database/seed';
import { awaitRegistrationUpdate, performActionUpdate, referralAnswerUpdate } from '../../workflows/messages';
import { referralWorkflowId, type CaseSnapshot, type StaffActor } from '../../workflows/types';
import { startE2eStack, type E2eStack } from '../support/e2e-stack';

// The case workflow with its real activities on real PostgreSQL: what each transition writes to the read model.
// The actions go straight to the workflow here (their HTTP endpoint comes with the case API); SLA_TIME_SCALE makes
// the 4 h registration deadline pass in about 3.6 s.
const SCALE = 0.00025;
const cw: StaffActor = { userId: '11111111-1111-4111-8111-111111111111', role: 'CASEWORKER' };
const agency = '55555555-5555-4555-8555-555555555555';

describe('case process on the real worker and PostgreSQL', () => {
  let sut: E2eStack;

  beforeAll(async () => {
    sut = await startE2eStack({ SLA_TIME_SCALE: String(SCALE) });
  });
  afterAll(async () => {
    await sut?.stop();
  });

  const register = async (category = 'DEPORTEE') => {
    const res = await sut.http('POST', '/api/v1/cases', {
      person: {
        fullName: 'Nur Aini',
        sex: 'F',
        dateOfBirth: '1990-02-03',
        homeRegion: { province: 'Sulawesi Tengah', regency: 'Kota Palu' },
      },
      arrival: { point: 'Pelabuhan Pantoloan', arrivedAt: '2026-11-27T10:00:00+08:00', fromCountry: 'MY' },
      category,
      officeId: DEMO_OFFICES.sulteng.id,
    });
    expect(res.status).toBe(201);
    return { id: res.body.id as string, handle: sut.temporal.workflow.getHandle(`case-${res.body.id}`) };
  };
  const eventually = async (check: () => Promise<boolean>, timeoutMs = 30000) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  it('should write tasks, consents, referrals and notification requests as the case moves', async () => {
    const { id, handle } = await register();
    await handle.executeUpdate(awaitRegistrationUpdate);
    const act = (type: string, payload: Record<string, unknown> = {}) =>
      handle.executeUpdate(performActionUpdate, {
        args: [{ type: type as never, payload, actor: cw }],
      }) as Promise<CaseSnapshot>;
    await act('complete-registration');
    await act('complete-screening', { indicators: [], flags: { distress: true } });
    const consented = await act('record-consent', {
      givenBy: 'SELF',
      method: 'WRITTEN',
      purpose: 'REFERRAL',
      recipientAgencyId: agency,
      dataCategories: ['HEALTH'],
      expiresAt: '2027-06-01T00:00:00Z',
    });
    const consentId = consented.consents[0]!.id;
    const sent = await act('send-referral', {
      agencyId: agency,
      services: ['COUNSELLING'],
      legalBasis: 'CONSENT',
      consentId,
    });
    const referralId = sent.referrals[0]!.id;

    const row = (
      await sut.db.query('SELECT current_step, risk_tier, last_event_seq, allowed_actions FROM cases WHERE id = $1', [
        id,
      ])
    ).rows[0];
    expect(row).toMatchObject({ current_step: 'REFERRAL', risk_tier: 'MEDIUM', last_event_seq: sent.lastEventSeq });
    // its only consent is in use by the referral under way: another referral needs another consent first
    expect(row.allowed_actions.CASEWORKER).toContain('record-consent');
    expect(row.allowed_actions.CASEWORKER).not.toContain('send-referral');
    const tasks = (await sut.db.query('SELECT step, status FROM tasks WHERE case_id = $1 ORDER BY created_seq', [id]))
      .rows;
    expect(tasks).toEqual([
      { step: 'REGISTRATION', status: 'DONE' },
      { step: 'SCREENING', status: 'DONE' },
      { step: 'REFERRAL', status: 'OPEN' },
    ]);
    expect(
      (await sut.db.query('SELECT recipient_agency_id, expires_at FROM consents WHERE id = $1', [consentId])).rows[0]
        .recipient_agency_id,
    ).toBe(agency);
    expect(
      (await sut.db.query('SELECT status, consent_id FROM referrals WHERE id = $1', [referralId])).rows[0],
    ).toEqual({ status: 'SENT', consent_id: consentId });
    const queued = (
      await sut.db.query('SELECT type, agency_id, status FROM notification_deliveries WHERE case_id = $1', [id])
    ).rows;
    // requested for the partner; this agency has no webhook, so its delivery ends NO_ENDPOINT
    expect(queued).toEqual([
      { type: 'referral.sent', agency_id: agency, status: expect.stringMatching(/^(PENDING|NO_ENDPOINT)$/) },
    ]);

    const referral = sut.temporal.workflow.getHandle(referralWorkflowId(referralId));
    await referral.executeUpdate(referralAnswerUpdate, {
      args: [{ type: 'accept', actor: { userId: null, role: 'PARTNER' } }],
    });
    await eventually(
      async () =>
        (await sut.db.query('SELECT current_step FROM cases WHERE id = $1', [id])).rows[0].current_step ===
        'ASSESSMENT',
    );
    expect((await sut.db.query('SELECT status, version FROM referrals WHERE id = $1', [referralId])).rows[0]).toEqual({
      status: 'ACCEPTED',
      version: 2,
    });
    const types = (await sut.db.query('SELECT type FROM case_events WHERE case_id = $1 ORDER BY seq', [id])).rows.map(
      (r) => r.type,
    );
    expect(types).toEqual(
      expect.arrayContaining(['consent.recorded', 'referral.sent', 'referral.accepted', 'step.completed']),
    );
    // one sequence, no gaps
    const seqs = (await sut.db.query('SELECT seq FROM case_events WHERE case_id = $1 ORDER BY seq', [id])).rows.map(
      (r) => r.seq,
    );
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  });

  it('should write the breach and the escalation when a deadline passes (SLA_TIME_SCALE)', async () => {
    const { id } = await register();
    // MEDIUM registration: 4 h x 0.00025 = 3.6 s to the breach, 7.2 s to level 2
    await eventually(
      async () =>
        (await sut.db.query(`SELECT 1 FROM escalations WHERE case_id = $1 AND level = 2 AND status = 'OPEN'`, [id]))
          .rowCount === 1,
    );
    const escalations = (
      await sut.db.query(
        'SELECT level, status, assigned_role, office_id FROM escalations WHERE case_id = $1 ORDER BY opened_at',
        [id],
      )
    ).rows;
    expect(escalations).toEqual([
      { level: 1, status: 'RESOLVED', assigned_role: 'SUPERVISOR', office_id: DEMO_OFFICES.sulteng.id },
      { level: 2, status: 'OPEN', assigned_role: 'HEAD', office_id: DEMO_OFFICES.sulteng.id },
    ]);
    const c = (await sut.db.query('SELECT sla_state, escalation_level FROM cases WHERE id = $1', [id])).rows[0];
    expect(c).toEqual({ sla_state: 'OVERDUE', escalation_level: 2 });
    const types = (await sut.db.query('SELECT type FROM case_events WHERE case_id = $1 ORDER BY seq', [id])).rows.map(
      (r) => r.type,
    );
    expect(types.filter((t) => t === 'sla.reminder')).toHaveLength(2);
    expect(types).toContain('sla.breached');
  });

  it('should reject an action not allowed now and leave the history as it was', async () => {
    const { handle } = await register();
    await handle.executeUpdate(awaitRegistrationUpdate);
    const before = (await handle.fetchHistory()).events!.length;
    await expect(
      handle.executeUpdate(performActionUpdate, { args: [{ type: 'approve-closure', payload: {}, actor: cw }] }),
    ).rejects.toThrow();
    // the dev server drops the workflow task of a rejected Update: not a single event more
    expect((await handle.fetchHistory()).events!.length).toBe(before);
  });
});
