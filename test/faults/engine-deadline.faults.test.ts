// The engine deadline (TEMPORAL_CALL_TIMEOUT_MS, 3 s here): an action the engine gives no outcome for within it is
// answered 503 ENGINE_TIMEOUT in seconds, not left hanging; the same request again with the same Idempotency-Key
// attaches to the same Update and answers its outcome; the case's timeline holds the action once. (1) the worker
// paused (SIGSTOP) before the workflow could accept the Update; (2) the worker paused after the workflow accepted
// it, while the read-model activity the Update waits for is held on the case's row lock.
import { Client } from 'pg';
import { startE2eStack, type E2eStack, type HttpResult } from '../support/e2e-stack';

const DEADLINE_MS = 3000;
// the API's own reads and writes around the Update, and a loaded machine
const MARGIN_MS = 2500;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('faults: the engine gives no outcome within the deadline', () => {
  let sut: E2eStack;
  let caseId: string;
  let paused = false;

  const pause = () => {
    sut.worker.child.kill('SIGSTOP');
    paused = true;
  };
  const resume = () => {
    sut.worker.child.kill('SIGCONT');
    paused = false;
  };
  const act = (type: string, payload: unknown, key: string) =>
    sut.http('POST', `/api/v1/cases/${caseId}/actions`, { type, payload }, { 'idempotency-key': key });

  // the same request again, as a client told to retry does, until it has an answer that is not a 503
  async function retried(send: () => Promise<HttpResult>): Promise<{ last: HttpResult; statuses: number[] }> {
    const statuses: number[] = [];
    for (let t = 0; t < 60; t += 1) {
      const last = await send();
      statuses.push(last.status);
      if (last.status !== 503) return { last, statuses };
      await sleep(500);
    }
    throw new Error(`still 503 after 60 tries: ${statuses.join(' ')}`);
  }

  async function eventsOfType(type: string): Promise<number> {
    const timeline = await sut.http('GET', `/api/v1/cases/${caseId}/timeline?verify=true`);
    expect(timeline.status).toBe(200);
    expect(timeline.body.verification.valid).toBe(true);
    return timeline.body.events.filter((e: { type: string }) => e.type === type).length;
  }

  beforeAll(async () => {
    sut = await startE2eStack({ TEMPORAL_CALL_TIMEOUT_MS: String(DEADLINE_MS) });
    const created = await sut.http(
      'POST',
      '/api/v1/cases',
      {
        person: {
          fullName: 'Returnee Deadline',
          sex: 'F',
          dateOfBirth: '1990-01-01',
          homeRegion: { province: 'Sulawesi Tengah', regency: 'Kota Palu' },
        },
        arrival: { point: 'Palu', arrivedAt: '2026-11-27T00:00:00Z', fromCountry: 'MY' },
        category: 'PMI_PURNA',
      },
      { 'idempotency-key': 'deadline-register' },
    );
    expect(created.status).toBe(201);
    caseId = created.body.id;
  }, 120000);

  afterAll(async () => {
    if (paused) resume();
    await sut?.stop();
  });

  it('should answer 503 ENGINE_TIMEOUT within the deadline while the worker is paused, and the outcome to the same request once it is back', async () => {
    pause();
    const started = Date.now();
    const first = await act('complete-registration', {}, 'deadline-registration');
    const took = Date.now() - started;
    expect(first.status).toBe(503);
    expect(first.body).toEqual({
      error: 'ENGINE_TIMEOUT',
      message: expect.stringContaining('retry with the same Idempotency-Key'),
      details: { retryAfterSeconds: 5, accepted: false },
    });
    expect(first.headers.get('retry-after')).toBe('5');
    expect(took).toBeGreaterThanOrEqual(DEADLINE_MS - 100);
    expect(took).toBeLessThan(DEADLINE_MS + MARGIN_MS);
    // nothing done while the worker is away
    expect(await eventsOfType('registration.completed')).toBe(0);

    resume();
    const { last, statuses } = await retried(() => act('complete-registration', {}, 'deadline-registration'));
    expect(last.status).toBe(200);
    expect(last.body.currentStep).toBe('SCREENING');
    expect(await eventsOfType('registration.completed')).toBe(1);
    // once more: answered from what was remembered, still once on the timeline
    const again = await act('complete-registration', {}, 'deadline-registration');
    expect(again.status).toBe(200);
    expect(await eventsOfType('registration.completed')).toBe(1);
    process.stderr.write(
      `engine deadline (worker paused before acceptance): 503 in ${took} ms, then ${statuses.join(' ')}\n`,
    );
  }, 120000);

  it('should say an accepted action will still be done when the worker is paused after the workflow accepted it, and answer its outcome to the same request', async () => {
    // the read-model activity the Update waits for locks the case's row first: held here, the Update is accepted
    // (its handler runs and schedules the activity) but cannot complete
    const holder = new Client({ connectionString: sut.databaseUrl });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM cases WHERE id = $1 FOR UPDATE', [caseId]);
      const started = Date.now();
      const first = act('complete-screening', { indicators: [], flags: {} }, 'deadline-screening');
      // the activity waiting on the lock: the workflow has accepted the Update
      for (let t = 0; ; t += 1) {
        const { rows } = await holder.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
        );
        if (rows[0].n > 0) break;
        if (t > 100) throw new Error('the activity never waited on the case row');
        await sleep(20);
      }
      pause();
      const answered = await first;
      const took = Date.now() - started;
      expect(answered.status).toBe(503);
      expect(answered.body).toEqual({
        error: 'ENGINE_TIMEOUT',
        message: expect.stringMatching(/accepted this request but has no outcome yet.*it will still be done/),
        details: { retryAfterSeconds: 5, accepted: true },
      });
      expect(answered.headers.get('retry-after')).toBe('5');
      expect(took).toBeLessThan(DEADLINE_MS + MARGIN_MS);
      await holder.query('COMMIT');
      resume();

      const { last, statuses } = await retried(() =>
        act('complete-screening', { indicators: [], flags: {} }, 'deadline-screening'),
      );
      expect(last.status).toBe(200);
      expect(await eventsOfType('screening.completed')).toBe(1);
      process.stderr.write(
        `engine deadline (worker paused after acceptance): 503 in ${took} ms, then ${statuses.join(' ')}\n`,
      );
    } finally {
      await holder.query('ROLLBACK').catch(() => undefined);
      await holder.end();
    }
  }, 120000);
});
