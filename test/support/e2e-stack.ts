import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client as TemporalClient, Connection } from '@temporalio/client';
import { Pool } from 'pg';
import { hashPassword } from '../../src/auth/password';
import { readPayloadKeys } from '../../src/config/payload-keys.config';
import { EncryptionCodec } from '../../src/temporal/payload-codec';
import { dropDatabase, ensureDatabase } from '../../scripts/infra/postgres';
import { freePort, type Managed } from '../../scripts/infra/processes';
import { appEnv, startApp, startAppProcess, type App } from '../../scripts/infra/stack';
import { readRecordedAnswers, undocumentedAnswers, type OpenApiDoc } from './openapi-answers';

const TEMPLATE_DB = 'rujukan_template';

export type HttpResult<T = any> = { status: number; body: T; headers: Headers };

// One test file's Rujukan: its own database cloned from the migrated template, its own task queue on the shared
// Temporal dev server, and the real API and worker processes (dist/) talking to them.
export type E2eStack = {
  baseUrl: string;
  databaseUrl: string;
  taskQueue: string;
  db: Pool;
  temporal: TemporalClient;
  api: Managed;
  worker: Managed;
  // as cw.palu unless `headers` says otherwise (an Authorization header of its own, or {} via `anonymous`)
  http: <T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ) => Promise<HttpResult<T>>;
  login: (username: string, password?: string) => Promise<string>;
  // a staff user beyond the demo ones (e.g. a supervisor of another office), signed in: their token
  addStaffUser: (username: string, role: 'CASEWORKER' | 'SUPERVISOR' | 'HEAD', officeId: string) => Promise<string>;
  as: (token: string | null) => Record<string, string>;
  stop: () => Promise<void>;
};

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: the e2e global setup did not run`);
  return value;
}

// The built API (main) or worker as a child, its whole output kept for the test to read.
export function nodeProcess(name: string, script: 'main' | 'worker', env: NodeJS.ProcessEnv): Managed {
  return startAppProcess(name, script, env, { keepOutput: true });
}

export async function startE2eStack(extraEnv: NodeJS.ProcessEnv = {}): Promise<E2eStack> {
  const adminUrl = required('RUJUKAN_TEST_PG_ADMIN_URL');
  // a test may bring its own Temporal server (a fault test restarts it)
  const temporalAddress = extraEnv.TEMPORAL_ADDRESS ?? required('RUJUKAN_TEST_TEMPORAL_ADDRESS');
  const dbName = `rujukan_e2e_${randomBytes(5).toString('hex')}`;
  await ensureDatabase(adminUrl, dbName, TEMPLATE_DB);
  const databaseUrl = `${required('RUJUKAN_TEST_PG_URL_PREFIX')}${dbName}`;
  const taskQueue = `rujukan-${dbName}`;
  // every answer of the API, held against its OpenAPI document when the stack stops
  const answers = join(tmpdir(), `${dbName}-answers.jsonl`);
  const port = await freePort();
  const env = appEnv(
    process.env,
    { databaseUrl, temporalAddress, taskQueue, port },
    {
      LOG_LEVEL: 'log',
      RUJUKAN_RECORD_ANSWERS: answers,
      STAFF_DIGEST: 'off',
      // the stack's own address in every link a message carries, so that a replacement worker (a fault test) writes
      // a message word for word as the first one did (the fallback would be localhost, the stack is on 127.0.0.1)
      API_PUBLIC_URL: `http://127.0.0.1:${port}`,
      ...extraEnv,
    },
  );
  let app: App;
  try {
    app = await startApp({ env, keepOutput: true, timeoutMs: 90000 });
  } catch (err) {
    await dropDatabase(adminUrl, dbName);
    throw err;
  }
  const connection = await Connection.connect({ address: temporalAddress });
  // the processes' key ring (the development default unless the test sets TEMPORAL_PAYLOAD_KEYS)
  const temporal = new TemporalClient({
    connection,
    dataConverter: { payloadCodecs: [new EncryptionCodec(readPayloadKeys(env))] },
  });
  const db = new Pool({ connectionString: databaseUrl, max: 4 });
  // an idle connection cut by the server (a fault test takes the database away) is simply dropped
  db.on('error', () => undefined);
  const { baseUrl, api } = app;
  const worker = app.workers[0]!;
  const openApi = (await (await fetch(`${baseUrl}/api/docs-json`)).json()) as OpenApiDoc;

  const stop = async () => {
    await app.stop();
    await db.end();
    await connection.close();
    await dropDatabase(adminUrl, dbName);
    const problems = undocumentedAnswers(openApi, readRecordedAnswers(answers));
    rmSync(answers, { force: true });
    if (problems.length) {
      throw new Error(`answers the OpenAPI document does not describe:\n  ${problems.join('\n  ')}`);
    }
  };

  let defaultToken: string | null = null;
  const http = async <T>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<HttpResult<T>> => {
    const auth: Record<string, string> =
      defaultToken && !('authorization' in headers) && !('Authorization' in headers)
        ? { authorization: `Bearer ${defaultToken}` }
        : {};
    const own = Object.fromEntries(
      Object.entries(headers).filter(([k, v]) => !(k.toLowerCase() === 'authorization' && v === '')),
    );
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined && typeof body !== 'string' ? { 'content-type': 'application/json' } : {}),
        ...auth,
        ...own,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  };

  const login = async (username: string, password = 'rujukan-demo'): Promise<string> => {
    const res = await http<{ accessToken: string }>(
      'POST',
      '/api/v1/auth/login',
      { username, password },
      { authorization: '' },
    );
    if (res.status !== 200) throw new Error(`login as ${username} failed: ${res.status}`);
    return res.body.accessToken;
  };
  // headers for another caller: a token, or null for no Authorization header at all
  const as = (token: string | null): Record<string, string> => ({ authorization: token ? `Bearer ${token}` : '' });
  const addStaffUser = async (username: string, role: string, officeId: string): Promise<string> => {
    await db.query(
      `INSERT INTO users (id, username, password_hash, role, office_id, agency_id, display_name)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, NULL, $1)`,
      [username, await hashPassword('rujukan-demo'), role, officeId],
    );
    return login(username);
  };
  defaultToken = await login('cw.palu');

  return { baseUrl, databaseUrl, taskQueue, db, temporal, api, worker, http, login, addStaffUser, as, stop };
}
