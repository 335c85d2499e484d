import type { OpenAPIObject } from '@nestjs/swagger';
import { documentErrorAnswers, ERROR_BODY_REF } from '../../src/common/openapi-errors';
import { undocumentedAnswers, type OpenApiDoc } from '../support/openapi-answers';

const doc = (): OpenAPIObject => ({
  openapi: '3.0.0',
  info: { title: 't', version: '1' },
  paths: {
    '/api/v1/things/{id}': {
      post: {
        parameters: [{ in: 'path', name: 'id', required: true }],
        requestBody: { content: {} },
        responses: { '200': { description: 'ok' }, '409': { description: 'not now' } },
      },
    },
    '/api/v1/auth/login': { post: { requestBody: { content: {} }, responses: { '200': { description: 'ok' } } } },
  },
});

describe('the error answers written into the OpenAPI document', () => {
  const d = doc();
  documentErrorAnswers(d, {
    'POST /api/v1/things/:id': { roles: ['SUPERVISOR'], scope: 'office' },
    'POST /api/v1/auth/login': { roles: 'PUBLIC', scope: 'none' },
  });
  const thing = d.paths['/api/v1/things/{id}']!.post!.responses;

  it('should give a guarded operation with an id and a body every error it can answer', () => {
    expect(Object.keys(thing).sort()).toEqual(['200', '400', '401', '403', '404', '409', '413', '422', '503']);
  });

  it('should keep a controller’s own description and give it the shared error schema', () => {
    expect(thing['409']).toEqual({
      description: 'not now',
      content: { 'application/json': { schema: { $ref: ERROR_BODY_REF } } },
    });
  });

  it('should not promise a 401, 403 or 404 where none can come', () => {
    const login = d.paths['/api/v1/auth/login']!.post!.responses;
    expect(Object.keys(login).sort()).toEqual(['200', '400', '413', '422', '503']);
  });

  it('should find answers the document does not describe, and bodies that do not match', () => {
    const problems = undocumentedAnswers(d as unknown as OpenApiDoc, [
      { method: 'POST', route: '/api/v1/things/:id', status: 200 },
      { method: 'POST', route: '/api/v1/things/:id', status: 422, body: { error: 'VALIDATION_FAILED', message: 'x' } },
      { method: 'POST', route: '/api/v1/things/:id', status: 410, body: { error: 'GONE', message: 'x' } },
      { method: 'POST', route: '/api/v1/things/:id', status: 404, body: { message: 'no code' } },
      { method: 'GET', route: '/api/v1/other', status: 200 },
      { method: 'GET', route: '/api/docs-json', status: 200 },
    ]);
    expect(problems).toEqual([
      'POST /api/v1/things/{id} 410: this status is not documented',
      expect.stringMatching(/^POST \/api\/v1\/things\/\{id\} 404: the body does not match its schema/),
      'GET /api/v1/other: not in the OpenAPI document',
    ]);
  });
});
