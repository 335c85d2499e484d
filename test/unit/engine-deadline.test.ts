import type { OpenAPIObject } from '@nestjs/swagger';
import { WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { documentErrorAnswers } from '../../src/common/openapi-errors';
import { ConfigError } from '../../src/config/env';
import { readTemporalConfig } from '../../src/config/temporal.config';
import { EngineTimeout, engineTimeoutBody } from '../../src/temporal/engine-timeout';

type Answer = { description?: string; headers?: unknown };

describe('the engine deadline (TEMPORAL_CALL_TIMEOUT_MS)', () => {
  it('should wait 30 s by default and take a whole number of milliseconds from 1 s to 5 min', () => {
    expect(readTemporalConfig({}).callTimeoutMs).toBe(30_000);
    expect(readTemporalConfig({ TEMPORAL_CALL_TIMEOUT_MS: ' 3000 ' }).callTimeoutMs).toBe(3000);
    expect(readTemporalConfig({ TEMPORAL_CALL_TIMEOUT_MS: '1000' }).callTimeoutMs).toBe(1000);
    expect(readTemporalConfig({ TEMPORAL_CALL_TIMEOUT_MS: '300000' }).callTimeoutMs).toBe(300_000);
  });

  it.each(['999', '300001', '2.5', '30s', '-1', '0'])(
    'should stop the process at boot on %p, naming the variable',
    (raw) => {
      expect(() => readTemporalConfig({ TEMPORAL_CALL_TIMEOUT_MS: raw })).toThrow(ConfigError);
      expect(() => readTemporalConfig({ TEMPORAL_CALL_TIMEOUT_MS: raw })).toThrow(
        `TEMPORAL_CALL_TIMEOUT_MS=${raw} is not a whole number from 1000 to 300000`,
      );
    },
  );
});

describe('the answer past the engine deadline', () => {
  const rpc = new WorkflowUpdateRPCTimeoutOrCancelledError('deadline exceeded');

  it('should give a retry delay and say that an accepted request will still be done', () => {
    const body = engineTimeoutBody(new EngineTimeout(true, 3000, rpc));
    expect(body).toEqual({
      message: expect.stringMatching(/accepted this request but has no outcome yet after 3 s; it will still be done/),
      details: { retryAfterSeconds: 5, accepted: true },
    });
    expect(body.message).toContain('retry with the same Idempotency-Key');
  });

  it('should say of a request not yet taken that the engine may still take it, at most once', () => {
    expect(engineTimeoutBody(new EngineTimeout(false, 30_000, rpc))).toEqual({
      message: expect.stringMatching(/did not take this request within 30 s; it may still do so.*at most once/),
      details: { retryAfterSeconds: 5, accepted: false },
    });
  });

  it('should document 503 with its Retry-After header on every operation, but not on a probe with a body of its own', () => {
    const doc: OpenAPIObject = {
      openapi: '3.0.0',
      info: { title: 't', version: '1' },
      paths: {
        '/api/v1/things/{id}': { post: { requestBody: { content: {} }, responses: { '200': { description: 'ok' } } } },
        '/health/ready': {
          get: {
            responses: {
              '503': { description: 'not ready', content: { 'application/json': { schema: { $ref: '#/x/Ready' } } } },
            },
          },
        },
      },
    };
    documentErrorAnswers(doc, { 'POST /api/v1/things/:id': { roles: ['SUPERVISOR'], scope: 'office' } });
    const answer = doc.paths['/api/v1/things/{id}']!.post!.responses['503'] as Answer;
    expect(answer.description).toMatch(/ENGINE_TIMEOUT.*details\.accepted.*Retry-After.*same Idempotency-Key/);
    expect(answer.headers).toEqual({
      'Retry-After': { description: expect.any(String), schema: { type: 'integer', minimum: 1 } },
    });
    expect((doc.paths['/health/ready']!.get!.responses['503'] as Answer).headers).toBeUndefined();
  });
});
