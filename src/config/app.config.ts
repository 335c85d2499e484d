import { ConfigError, readInt, readPositiveNumber, readString } from './env';

export type AppConfig = {
  port: number;
  host: string;
  logLevel: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  // dev and tests only: multiplies every SLA duration (DESIGN.md "Process definition as data")
  slaTimeScale: number;
  // the history length after which a case continues as new (default 2000; tests set it low to exercise it)
  caseContinueAfterEvents: number;
};

const LOG_LEVELS = ['error', 'warn', 'log', 'debug', 'verbose'] as const;

export function readAppConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const logLevel = readString(env, 'LOG_LEVEL', 'log');
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL=${logLevel} is not one of ${LOG_LEVELS.join(', ')}`);
  }
  return {
    port: readInt(env, 'PORT', 3000, 0, 65535),
    host: readString(env, 'HOST', '127.0.0.1'),
    logLevel: logLevel as AppConfig['logLevel'],
    slaTimeScale: readPositiveNumber(env, 'SLA_TIME_SCALE', 1),
    caseContinueAfterEvents: readInt(env, 'CASE_CONTINUE_AFTER_EVENTS', 2000, 50, 40000),
  };
}
