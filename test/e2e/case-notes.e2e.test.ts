// The case file's notes over real HTTP, on the real worker, Temporal dev server and PostgreSQL: a note given with
// an action and one added on its own are kept with author, time and step, shown in the case and its timeline,
// covered by the hash chain, exported and anonymised, and never reach a Temporal history. The timeline table
// itself refuses to be rewritten, except on anonymisation's own, audited path.
import { eventHash } from '../../src/cases/case-timeline';
import { DEMO_USERS } from '../../src/database/seed';
import { historyText } from '../support/history-text';
import { startE2eStack, type E2eStack, type HttpResult } from '../support/e2e-stack';

const registration = (fullName: string) => ({
  person: {
    fullName,
    sex: 'F',
    dateOfBirth: '1988-07-21',
    homeRegion: { province: 'Sulawesi Tengah', regency: 'Kabupaten Donggala' },
  },
  arrival: { point: 'Pelabuhan Pantoloan, Palu', arrivedAt: '2026-11-27T06:00:00+08:00', fromCountry: 'MY' },
  category: 'DEPORTEE',
});

describe('the case file: notes, and the append-only timeline', () => {
  let sut: E2eStack;

  beforeAll(async () => {
    sut = await startE2eStack();
  });
  afterAll(async () => {
    await sut?.stop();
  });

  const newCase = async (name = 'Sitti Rahmah') => {
    const res = await sut.http('POST', '/api/v1/cases', registration(name));
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const act = (id: string, type: string, payload: unknown = {}, headers: Record<string, string> = {}) =>
    sut.http('POST', `/api/v1/cases/${id}/actions`, { type, payload }, headers);
  const ok = async (res: Promise<HttpResult> | HttpResult): Promise<any> => {
    const r = await res;
    if (r.status !== 200) throw new Error(`expected 200, got ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const notesInDb = async (id: string) =>
    (await sut.db.query(`SELECT status, text FROM case_notes WHERE case_id = $1 ORDER BY created_at`, [id])).rows;

  it('should keep a note given with an action and one added on its own, with author, step and time, in the case and its timeline', async () => {
    const id = await newCase();
    await ok(act(id, 'complete-registration'));
    const screened = await ok(
      act(id, 'complete-screening', {
        indicators: [],
        flags: { elderly: true },
        notes: 'PMI tampak lelah; mengaku belum makan sejak di kapal',
      }),
    );
    expect(screened.currentStep).toBe('REFERRAL');
    const noted = await ok(
      act(
        id,
        'add-note',
        { text: 'Kakak PMI di Donggala sudah ditelepon, siap menjemput besok pagi' },
        { 'Idempotency-Key': `note-${id}` },
      ),
    );
    // the same request again acts once
    const again = await sut.http(
      'POST',
      `/api/v1/cases/${id}/actions`,
      { type: 'add-note', payload: { text: 'Kakak PMI di Donggala sudah ditelepon, siap menjemput besok pagi' } },
      { 'Idempotency-Key': `note-${id}` },
    );
    expect(again.headers.get('idempotent-replayed')).toBe('true');

    expect(noted.currentStep).toBe('REFERRAL'); // a note does not move the case
    expect(noted.notes).toEqual([
      expect.objectContaining({
        text: 'PMI tampak lelah; mengaku belum makan sejak di kapal',
        action: 'complete-screening',
        step: 'SCREENING',
        authorId: DEMO_USERS.cwPalu!.id,
        authorRole: 'CASEWORKER',
      }),
      expect.objectContaining({
        text: 'Kakak PMI di Donggala sudah ditelepon, siap menjemput besok pagi',
        action: 'add-note',
        step: 'REFERRAL',
      }),
    ]);
    expect(Date.parse(noted.notes[1].at)).toBeGreaterThanOrEqual(Date.parse(noted.notes[0].at));
    expect((await ok(sut.http('GET', `/api/v1/cases/${id}`))).notes).toEqual(noted.notes);

    const timeline = await ok(sut.http('GET', `/api/v1/cases/${id}/timeline?verify=true`));
    expect(timeline.verification.valid).toBe(true);
    const noteEvents = timeline.events.filter((e: { type: string }) => e.type === 'note.added');
    expect(noteEvents.map((e: any) => [e.step, e.note.text, e.data.textSha256.length])).toEqual([
      ['SCREENING', 'PMI tampak lelah; mengaku belum makan sejak di kapal', 64],
      ['REFERRAL', 'Kakak PMI di Donggala sudah ditelepon, siap menjemput besok pagi', 64],
    ]);
    // the events themselves hold no words
    for (const e of timeline.events) expect(JSON.stringify(e.data)).not.toContain('Donggala sudah');
    expect(await notesInDb(id)).toHaveLength(2);

    // the export carries them
    const exported = await ok(
      sut.http('GET', `/api/v1/cases/${id}/export`, undefined, sut.as(await sut.login('spv.palu'))),
    );
    expect(exported.case.notes).toHaveLength(2);
    expect(exported.timeline.find((e: any) => e.type === 'note.added').note.text).toContain('belum makan');

    // words changed behind the API's back break the chain at their event
    await sut.db.query(`UPDATE case_notes SET text = 'PMI sehat' WHERE id = $1`, [noted.notes[0].id]);
    const tampered = await ok(sut.http('GET', `/api/v1/cases/${id}/timeline?verify=true`));
    expect(tampered.verification).toEqual({
      valid: false,
      checkedEvents: noteEvents[0].seq - 1,
      brokenAt: { seq: noteEvents[0].seq, reason: 'NOTE_MISMATCH' },
    });
  }, 90000);

  it('should refuse a note that is empty or too long, and keep nothing of an action that was refused', async () => {
    const id = await newCase();
    const long = await act(id, 'add-note', { text: 'x'.repeat(5001) });
    expect([long.status, long.body.details.map((d: { field: string }) => d.field)]).toEqual([422, ['payload.text']]);
    const blank = await act(id, 'add-note', { text: '   ' });
    expect(blank.status).toBe(422);
    expect((await act(id, 'add-note', {})).status).toBe(422);
    expect((await act(id, 'complete-registration', { notes: 'y'.repeat(5001) })).status).toBe(422);
    // allowed by the payload, refused by the case (screening before registration is complete): 409, no note kept
    const refused = await act(id, 'complete-screening', { indicators: [], flags: {}, notes: 'terlalu cepat' });
    expect(refused.status).toBe(409);
    // another office's caseworker: 404
    expect(
      (await act(id, 'add-note', { text: 'bukan kasus kami' }, sut.as(await sut.login('cw.makassar')))).status,
    ).toBe(404);
    expect(await notesInDb(id)).toEqual([]);
  }, 60000);

  it('should keep the words of notes out of every Temporal history of the task queue', async () => {
    const id = await newCase('Nur Aisyah');
    const words = ['Suami PMI mengancam di pelabuhan', 'Ibu PMI menangis saat ditelepon'];
    await ok(act(id, 'complete-registration', { notes: words[0] }));
    await ok(act(id, 'add-note', { text: words[1] }));
    expect((await ok(sut.http('GET', `/api/v1/cases/${id}`))).notes.map((n: { text: string }) => n.text)).toEqual(
      words,
    );
    const ids: string[] = [];
    for await (const w of sut.temporal.workflow.list({ query: `TaskQueue = '${sut.taskQueue}'` }))
      ids.push(w.workflowId);
    expect(ids).toContain(`case-${id}`);
    for (const workflowId of ids) {
      // decoded with the key ring: what the history holds, in clear
      const text = historyText(await sut.temporal.workflow.getHandle(workflowId).fetchHistory());
      for (const w of words) expect([workflowId, text.includes(w)]).toEqual([workflowId, false]);
    }
  }, 60000);

  it('should refuse to rewrite the timeline, except anonymisation, which removes words and seals the chain again on the record', async () => {
    const id = await newCase('Hasnah Daeng Tayu');
    await ok(act(id, 'add-note', { text: 'Keluarga di Parigi belum bisa dihubungi' }));
    await expect(
      sut.db.query(`UPDATE case_events SET data = '{}' WHERE case_id = $1 AND seq = 1`, [id]),
    ).rejects.toThrow(/append-only/);
    await expect(sut.db.query(`DELETE FROM case_events WHERE case_id = $1`, [id])).rejects.toThrow(/append-only/);
    await expect(sut.db.query(`TRUNCATE case_events`)).rejects.toThrow(/append-only/);

    // a supervisor's review as it was recorded before notes were kept apart: its words in the event
    const [last] = (
      await sut.db.query(`SELECT seq, hash FROM case_events WHERE case_id = $1 ORDER BY seq DESC LIMIT 1`, [id])
    ).rows;
    const legacy = {
      caseId: id,
      seq: last.seq + 1,
      type: 'referral.reviewed',
      actorId: DEMO_USERS.spvPalu!.id,
      actorRole: 'SUPERVISOR',
      step: 'REGISTRATION',
      occurredAt: new Date('2026-11-28T01:00:00Z'),
      data: { outcome: 'UPHELD', notes: 'PMI pingsan saat tiba' },
    };
    await sut.db.query(
      `INSERT INTO case_events (case_id, seq, type, actor_id, actor_role, step, occurred_at, data, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        id,
        legacy.seq,
        legacy.type,
        legacy.actorId,
        legacy.actorRole,
        legacy.step,
        legacy.occurredAt,
        JSON.stringify(legacy.data),
        last.hash,
        eventHash(last.hash, legacy),
      ],
    );
    expect((await ok(sut.http('GET', `/api/v1/cases/${id}/timeline?verify=true`))).verification.valid).toBe(true);

    // closed long ago, so past retention
    await sut.db.query(`UPDATE cases SET status = 'CLOSED', closed_at = now() - interval '30 years' WHERE id = $1`, [
      id,
    ]);
    await sut.temporal.schedule.getHandle(`rujukan-retention-${sut.taskQueue}`).trigger();
    const deadline = Date.now() + 30000;
    while ((await sut.db.query('SELECT anonymised_at FROM cases WHERE id = $1', [id])).rows[0].anonymised_at === null) {
      if (Date.now() > deadline) throw new Error('the case was not anonymised');
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(await notesInDb(id)).toEqual([{ status: 'RECORDED', text: '' }]);
    const spv = sut.as(await sut.login('spv.palu'));
    const timeline = await ok(sut.http('GET', `/api/v1/cases/${id}/timeline?verify=true`, undefined, spv));
    expect(timeline.verification.valid).toBe(true);
    expect(timeline.events.find((e: { type: string }) => e.type === 'referral.reviewed').data).toEqual({
      outcome: 'UPHELD',
      notes: null,
    });
    expect(timeline.events.find((e: { type: string }) => e.type === 'note.added').note.text).toBeNull();
    const audit = (await ok(sut.http('GET', `/api/v1/audit?caseId=${id}&action=timeline.anonymised`, undefined, spv)))
      .items;
    expect(audit).toEqual([expect.objectContaining({ action: 'timeline.anonymised', role: 'SYSTEM' })]);
  }, 90000);
});
