import { readAppConfig } from '../../src/config/app.config';
import { readDatabaseConfig } from '../../src/config/database.config';
import { ConfigError } from '../../src/config/env';
import { DEV_SECRETS_KEY, readPartnersConfig } from '../../src/config/partners.config';
import { readTemporalConfig, readWorkerTuning } from '../../src/config/temporal.config';

describe('configuration from the environment', () => {
  it('should use the documented defaults when nothing is set', () => {
    expect(readAppConfig({})).toMatchObject({ port: 3000, host: '127.0.0.1', slaTimeScale: 1 });
    expect(readTemporalConfig({})).toEqual({
      address: '127.0.0.1:7233',
      namespace: 'default',
      taskQueue: 'rujukan-cases',
      messageTaskQueue: 'rujukan-cases-messages',
      callTimeoutMs: 30_000,
    });
  });

  it('should give staff messages a task queue of their own, beside the cases', () => {
    expect(readTemporalConfig({ TEMPORAL_TASK_QUEUE: 'rujukan-e2e-1' }).messageTaskQueue).toBe(
      'rujukan-e2e-1-messages',
    );
    expect(readTemporalConfig({ TEMPORAL_MESSAGE_TASK_QUEUE: 'mail' }).messageTaskQueue).toBe('mail');
  });

  it('should let the embedded Temporal UI call the API (its codec server) on the port npm start gives it, unless CORS_ORIGINS says otherwise', () => {
    expect(readAppConfig({}).corsOrigins).toEqual(['http://127.0.0.1:8233', 'http://localhost:8233']);
    expect(readAppConfig({ RUJUKAN_TEMPORAL_UI_PORT: '18233' }).corsOrigins).toEqual([
      'http://127.0.0.1:18233',
      'http://localhost:18233',
    ]);
    expect(
      readAppConfig({ RUJUKAN_TEMPORAL_UI_PORT: '18233', CORS_ORIGINS: 'https://temporal.example.go.id' }).corsOrigins,
    ).toEqual(['https://temporal.example.go.id']);
    expect(() => readAppConfig({ CORS_ORIGINS: 'javascript:alert(1)' })).toThrow(
      /CORS_ORIGINS: javascript:alert\(1\) is not an origin/,
    );
  });

  it('should take the public address of the API for the links it hands out, or none', () => {
    expect(readAppConfig({}).publicUrl).toBeNull();
    expect(readAppConfig({ API_PUBLIC_URL: 'https://rujukan.example.go.id/' }).publicUrl).toBe(
      'https://rujukan.example.go.id',
    );
    expect(() => readAppConfig({ API_PUBLIC_URL: 'ftp://x' })).toThrow(/API_PUBLIC_URL/);
  });

  it('should refuse a DATABASE_URL that is missing or not a postgres URL, naming the variable', () => {
    expect(() => readDatabaseConfig({})).toThrow(
      new ConfigError('DATABASE_URL is not set: set it in the environment (see README, "Environment")'),
    );
    expect(() => readDatabaseConfig({ DATABASE_URL: 'mysql://x@y/z' })).toThrow(
      /DATABASE_URL must start with postgres:\/\//,
    );
    expect(() => readDatabaseConfig({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL is not a valid URL/);
    expect(readDatabaseConfig({ DATABASE_URL: 'postgres://u:p@h:5432/d' }).url).toBe('postgres://u:p@h:5432/d');
  });

  it('should refuse bad numbers and addresses', () => {
    expect(() => readAppConfig({ PORT: '70000' })).toThrow(/PORT=70000 is not a whole number from 0 to 65535/);
    expect(() => readAppConfig({ SLA_TIME_SCALE: '0' })).toThrow(/SLA_TIME_SCALE=0 is not a positive number/);
    expect(() => readAppConfig({ LOG_LEVEL: 'loud' })).toThrow(ConfigError);
    expect(() => readTemporalConfig({ TEMPORAL_ADDRESS: 'localhost' })).toThrow(
      /TEMPORAL_ADDRESS=localhost is not host:port/,
    );
    expect(readAppConfig({ SLA_TIME_SCALE: '0.001' }).slaTimeScale).toBe(0.001);
    expect(() => readAppConfig({ SLA_TIME_SCALE: '0.001', NODE_ENV: 'production' })).toThrow(
      /SLA_TIME_SCALE=0.001 is for development and tests only/,
    );
    expect(readAppConfig({ SLA_TIME_SCALE: '1', NODE_ENV: 'production' }).slaTimeScale).toBe(1);
    expect(readAppConfig({}).caseContinueAfterEvents).toBe(2000);
    expect(readAppConfig({ CASE_CONTINUE_AFTER_EVENTS: '60' }).caseContinueAfterEvents).toBe(60);
    expect(() => readAppConfig({ CASE_CONTINUE_AFTER_EVENTS: '10' })).toThrow(/CASE_CONTINUE_AFTER_EVENTS=10/);
  });
});

describe('readPartnersConfig', () => {
  it('should use the development key only outside production, and refuse a short key', () => {
    expect(readPartnersConfig({}).secretsKey).toBe(DEV_SECRETS_KEY);
    expect(() => readPartnersConfig({ NODE_ENV: 'production' })).toThrow(/RUJUKAN_SECRETS_KEY is not set/);
    expect(() => readPartnersConfig({ RUJUKAN_SECRETS_KEY: 'short' })).toThrow(/at least 32/);
    expect(readPartnersConfig({ NODE_ENV: 'production', RUJUKAN_SECRETS_KEY: 'k'.repeat(32) }).secretsKey).toBe(
      'k'.repeat(32),
    );
  });

  it('should read the webhook retry policy, 24 h by default', () => {
    expect(readPartnersConfig({})).toMatchObject({
      webhookRetryBudgetSeconds: 86400,
      webhookTimeoutMs: 10000,
      secretGraceHours: 24,
    });
    expect(readPartnersConfig({ WEBHOOK_RETRY_BUDGET_SECONDS: '4', WEBHOOK_FIRST_RETRY_SECONDS: '0.2' })).toMatchObject(
      { webhookRetryBudgetSeconds: 4, webhookFirstRetrySeconds: 0.2 },
    );
    expect(() => readPartnersConfig({ WEBHOOK_RETRY_BUDGET_SECONDS: '-1' })).toThrow(ConfigError);
  });
});

describe('readWorkerTuning', () => {
  it("should leave the SDK's defaults when nothing is set, and read the sticky cache and concurrency limits", () => {
    expect(readWorkerTuning({})).toEqual({
      maxCachedWorkflows: undefined,
      maxConcurrentActivityTaskExecutions: undefined,
      maxConcurrentWorkflowTaskExecutions: undefined,
      workflowThreadPoolSize: undefined,
    });
    expect(
      readWorkerTuning({
        WORKER_MAX_CACHED_WORKFLOWS: '500',
        WORKER_MAX_CONCURRENT_ACTIVITIES: '50',
        WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '20',
        WORKER_WORKFLOW_THREADS: '2',
      }),
    ).toEqual({
      maxCachedWorkflows: 500,
      maxConcurrentActivityTaskExecutions: 50,
      maxConcurrentWorkflowTaskExecutions: 20,
      workflowThreadPoolSize: 2,
    });
  });

  it('should refuse values the SDK would not take', () => {
    expect(() => readWorkerTuning({ WORKER_MAX_CACHED_WORKFLOWS: '1' })).toThrow(/WORKER_MAX_CACHED_WORKFLOWS/);
    expect(() => readWorkerTuning({ WORKER_MAX_CONCURRENT_ACTIVITIES: 'many' })).toThrow(
      /WORKER_MAX_CONCURRENT_ACTIVITIES/,
    );
  });
});
