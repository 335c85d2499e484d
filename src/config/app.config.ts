import { ConfigError, readInt, readOptional, readPositiveNumber, readString, readUrl } from './env';

export type AppConfig = {
  port: number;
  host: string;
  logLevel: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  // dev and tests only: multiplies every SLA duration (DESIGN.md "Process definition as data")
  slaTimeScale: number;
  // the history length after which a case continues as new (default 2000; tests set it low to exercise it)
  caseContinueAfterEvents: number;
  // browser origins allowed to call the API (CORS); by default the embedded Temporal UI, for the codec endpoint
  corsOrigins: string[];
  // the API's address as browsers reach it (behind a TLS proxy: https://…), for links it hands out; by default
  // taken from the request
  publicUrl: string | null;
};

const LOG_LEVELS = ['error', 'warn', 'log', 'debug', 'verbose'] as const;

export function readAppConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const logLevel = readString(env, 'LOG_LEVEL', 'log');
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL=${logLevel} is not one of ${LOG_LEVELS.join(', ')}`);
  }
  const slaTimeScale = readPositiveNumber(env, 'SLA_TIME_SCALE', 1);
  if (slaTimeScale !== 1 && env.NODE_ENV === 'production') {
    throw new ConfigError(
      `SLA_TIME_SCALE=${env.SLA_TIME_SCALE} is for development and tests only: ` +
        'production runs on the real deadlines (unset it)',
    );
  }
  return {
    port: readInt(env, 'PORT', 3000, 0, 65535),
    host: readString(env, 'HOST', '127.0.0.1'),
    logLevel: logLevel as AppConfig['logLevel'],
    slaTimeScale,
    caseContinueAfterEvents: readInt(env, 'CASE_CONTINUE_AFTER_EVENTS', 2000, 50, 40000),
    corsOrigins: readCorsOrigins(env),
    publicUrl: readOptional(env, 'API_PUBLIC_URL')
      ? readUrl(env, 'API_PUBLIC_URL', ['http', 'https']).replace(/\/+$/, '')
      : null,
  };
}

function readCorsOrigins(env: NodeJS.ProcessEnv): string[] {
  // by default the embedded Temporal UI, on the port npm start gives it
  const ui = /^\d{1,5}$/.test(env.RUJUKAN_TEMPORAL_UI_PORT ?? '') ? env.RUJUKAN_TEMPORAL_UI_PORT : '8233';
  const raw = env.CORS_ORIGINS ?? `http://127.0.0.1:${ui},http://localhost:${ui}`;
  const origins = raw
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of origins) {
    if (!/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/.test(origin))
      throw new ConfigError(`CORS_ORIGINS: ${origin} is not an origin such as https://rujukan.example.go.id`);
  }
  return origins;
}
