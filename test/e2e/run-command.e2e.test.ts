import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DEMO_OFFICES } from '../../src/database/seed';
import { freePort, portAnswers, startProcess, waitUntil, type Managed } from '../../scripts/infra/processes';

// The README's first command, as a user runs it: everything embedded, on ports of its own, with a data folder
// of its own. Ctrl-C must leave nothing behind, and a second start must still have the first one's data.
describe('npm start (the one-command run)', () => {
  const root = resolve(__dirname, '..', '..');
  let dataDir: string;
  let ports: { api: number; pg: number; temporal: number; ui: number };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'rujukan-run-'));
    ports = { api: await freePort(), pg: await freePort(), temporal: await freePort(), ui: await freePort() };
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  function start(extra: NodeJS.ProcessEnv = {}): Managed {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(ports.api),
      RUJUKAN_PG_PORT: String(ports.pg),
      RUJUKAN_TEMPORAL_PORT: String(ports.temporal),
      RUJUKAN_TEMPORAL_UI_PORT: String(ports.ui),
      RUJUKAN_DATA_DIR: dataDir,
      ...extra,
    };
    delete env.DATABASE_URL;
    delete env.TEMPORAL_ADDRESS;
    // LOG_LEVEL would bring the processes' own lines to the terminal
    if (!('LOG_LEVEL' in extra)) delete env.LOG_LEVEL;
    // its own process group, so the test can tell whether anything it started is still alive
    return startProcess(
      'npm start',
      process.execPath,
      [join(root, 'dist', 'scripts', 'start.js')],
      { env, cwd: root, detached: true },
      true,
    );
  }

  async function stopAndCheckClean(run: Managed, signal: NodeJS.Signals): Promise<void> {
    process.kill(run.child.pid!, signal);
    expect(await run.exited).toBe(0);
    for (const port of Object.values(ports)) expect(await portAnswers(port)).toBe(false);
    // nothing of its process group (postgres, temporal, api, worker) is left
    expect(() => process.kill(-run.child.pid!, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
  }

  it('should start everything, take a case, stop cleanly on Ctrl-C, and keep the data on restart', async () => {
    const first = start();
    await waitUntil('npm start printed ready', async () => first.tail().includes('rujukan: ready'), 180000, first);
    expect(first.tail()).toContain(`API          http://127.0.0.1:${ports.api}/api/v1`);
    expect(first.tail()).toContain(`Swagger UI   http://127.0.0.1:${ports.api}/api/docs`);
    expect(first.tail()).toContain(`Temporal UI  http://127.0.0.1:${ports.ui}`);
    // email is off on the embedded defaults, and says so in one line
    expect(first.tail()).toContain('email        off: set SMTP_URL=smtp://host:port');
    // a quiet terminal: Rujukan's own lines only; Nest's start-up lines and the servers' output are in the logs
    const terminal = first.output();
    expect(terminal.split('\n').filter((l) => l && !l.startsWith('rujukan: '))).toEqual([]);
    expect(terminal).not.toMatch(/\[Nest\]|NestFactory|RoutesResolver|InstanceLoader/);
    expect(existsSync(join(dataDir, 'logs', 'worker.log'))).toBe(true);
    expect(existsSync(join(dataDir, 'logs', 'temporal.log'))).toBe(true);
    expect(readFileSync(join(dataDir, 'logs', 'api.log'), 'utf8')).toContain('NestFactory');

    const base = `http://127.0.0.1:${ports.api}`;
    expect((await fetch(`${base}/health/ready`)).status).toBe(200);
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'cw.palu', password: 'rujukan-demo' }),
    });
    expect(login.status).toBe(200);
    const token = ((await login.json()) as { accessToken: string }).accessToken;
    const res = await fetch(`${base}/api/v1/cases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        person: {
          fullName: 'Wayan Sudarsana',
          sex: 'M',
          dateOfBirth: '1988-01-02',
          homeRegion: { province: 'Sulawesi Tengah', regency: 'Kota Palu' },
        },
        arrival: { point: 'Pelabuhan Pantoloan', arrivedAt: '2026-11-27T10:00:00+08:00', fromCountry: 'MY' },
        category: 'DEPORTEE',
        officeId: DEMO_OFFICES.sulteng.id,
      }),
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; caseNumber: string };

    const connection = await Connection.connect({ address: `127.0.0.1:${ports.temporal}` });
    try {
      const client = new Client({ connection });
      // what `temporal workflow list` shows
      await waitUntil(
        'the workflow was listed',
        async () => {
          for await (const wf of client.workflow.list({ query: `WorkflowId = 'case-${created.id}'` }))
            return wf.type === 'caseWorkflow';
          return false;
        },
        30000,
      );
    } finally {
      await connection.close();
    }
    expect((await fetch(`http://127.0.0.1:${ports.ui}/`)).status).toBe(200);
    expect(first.tail()).toContain(`its codec    POST http://127.0.0.1:${ports.api}/api/v1/codec-links`);
    // a supervisor's personal codec link, which the next start gives the Temporal UI for everyone
    const spv = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'spv.palu', password: 'rujukan-demo' }),
    });
    const spvToken = ((await spv.json()) as { accessToken: string }).accessToken;
    const link = await fetch(`${base}/api/v1/codec-links`, {
      method: 'POST',
      headers: { authorization: `Bearer ${spvToken}` },
    });
    expect(link.status).toBe(201);
    const { endpoint } = (await link.json()) as { endpoint: string };

    await stopAndCheckClean(first, 'SIGINT');

    const second = start({ TEMPORAL_UI_CODEC_ENDPOINT: endpoint });
    await waitUntil(
      'npm start printed ready again',
      async () => second.tail().includes('rujukan: ready'),
      180000,
      second,
    );
    const again = await fetch(`${base}/api/v1/cases/${created.id}`, { headers: { authorization: `Bearer ${token}` } });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { caseNumber: string }).caseNumber).toBe(created.caseNumber);
    // what the Temporal UI reads of its settings: the codec server it posts payloads to
    const settings = (await (await fetch(`http://127.0.0.1:${ports.ui}/api/v1/settings`)).json()) as {
      Codec: { Endpoint: string };
    };
    expect(settings.Codec.Endpoint).toBe(endpoint);
    const decode = await fetch(`${endpoint}/decode`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: `http://127.0.0.1:${ports.ui}` },
      body: JSON.stringify({ payloads: [] }),
    });
    expect(decode.status).toBe(200);
    expect(decode.headers.get('access-control-allow-origin')).toBe(`http://127.0.0.1:${ports.ui}`);
    await stopAndCheckClean(second, 'SIGTERM');
  });

  it('should refuse to start when a port it needs is taken, naming it, and start nothing', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(ports.temporal, '127.0.0.1', r));
    try {
      const run = start();
      expect(await run.exited).toBe(1);
      expect(run.tail()).toContain(
        `port ${ports.temporal} (Temporal) is already in use: stop what holds it, or set RUJUKAN_TEMPORAL_PORT`,
      );
      expect(await portAnswers(ports.pg)).toBe(false);
      expect(() => process.kill(-run.child.pid!, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
    } finally {
      blocker.close();
    }
  });

  it('should say what to do when there is no Temporal CLI, no Go and no internet, and leave nothing running', async () => {
    const emptyCache = mkdtempSync(join(tmpdir(), 'rujukan-nocache-'));
    try {
      // a PATH without go or temporal; node itself is started by its full path
      const unreachable = 'http://127.0.0.1:9'; // so the SDK's download fails here even on a machine with internet
      const run = start({
        PATH: '/usr/bin:/bin',
        XDG_CACHE_HOME: emptyCache,
        TEMPORAL_CLI: '',
        HTTPS_PROXY: unreachable,
        https_proxy: unreachable,
        ALL_PROXY: unreachable,
      });
      expect(await run.exited).toBe(1);
      expect(run.tail()).toMatch(
        /no Temporal CLI, no Go, and the Temporal SDK could not get one \(.*\): install Go, or set TEMPORAL_CLI or TEMPORAL_ADDRESS/,
      );
      for (const port of Object.values(ports)) expect(await portAnswers(port)).toBe(false);
      expect(() => process.kill(-run.child.pid!, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
    } finally {
      rmSync(emptyCache, { recursive: true, force: true });
    }
  });
});
