// The error answers of every operation, written into the OpenAPI document from what the API does to every request
// (the guard, the pipes, the body parser, the exception filter), so no operation can leave one out: a client
// generated from the document (the console's) knows every answer it may get. A controller's own @ApiResponse for a
// status keeps its description; it gets the shared error schema if it named none.
import type { OpenAPIObject } from '@nestjs/swagger';
import type { Access } from '../auth/access-matrix';

export const ERROR_BODY_REF = '#/components/schemas/ErrorBody';

// The error body of the whole API (DESIGN.md): details lists { field, problems[] } for field errors; a 409 of an
// action adds allowedActions beside the three.
const ERROR_BODY_SCHEMA = {
  type: 'object',
  required: ['error', 'message'],
  properties: {
    error: { type: 'string', example: 'VALIDATION_FAILED', description: 'a stable code, in capitals' },
    message: { type: 'string', description: 'what went wrong, for a person' },
    details: { description: 'what the code needs: field errors, a retry delay, the answer of the first request' },
  },
};

type Operation = { parameters?: { in?: string; name?: string }[]; requestBody?: unknown; responses?: Responses };
type Responses = Record<
  string,
  { description?: string; content?: Record<string, { schema?: unknown }>; headers?: Record<string, unknown> }
>;

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

// Which error answers an operation can give, and why, from its access row and its shape.
export function expectedErrors(access: Access | undefined, op: Operation): Record<number, string> {
  const params = op.parameters ?? [];
  const inPath = params.some((p) => p.in === 'path');
  const hasQuery = params.some((p) => p.in === 'query');
  const hasBody = op.requestBody !== undefined;
  const out: Record<number, string> = {};
  if (inPath || hasBody) {
    out[400] = inPath ? 'a path id is malformed, or the body is not JSON' : 'the body is not JSON';
  }
  if (access && access.roles !== 'PUBLIC') out[401] = 'no valid token: missing, expired or signed out';
  if (access && Array.isArray(access.roles)) out[403] = 'your role may not do this';
  if (inPath) out[404] = 'not found, or not yours to see (another office or agency)';
  if (hasBody) out[413] = 'the body is larger than the limit';
  if (hasBody || hasQuery) out[422] = 'field errors: details lists each field and its problems';
  out[503] = UNAVAILABLE;
  return out;
}

// A 503 is never final: the database or the engine away (UNAVAILABLE, ENGINE_UNAVAILABLE), or the engine without an
// outcome within TEMPORAL_CALL_TIMEOUT_MS (ENGINE_TIMEOUT), where the request may yet be done.
const UNAVAILABLE =
  'the database or Temporal is not reachable just now (UNAVAILABLE, ENGINE_UNAVAILABLE), or the workflow engine ' +
  'gave no outcome within its deadline (ENGINE_TIMEOUT; details.accepted: true when it took the request, which ' +
  'will still be done): retry after Retry-After seconds with the same Idempotency-Key, which acts at most once';

const RETRY_AFTER = {
  description: 'seconds to wait before retrying (with the same Idempotency-Key)',
  schema: { type: 'integer', minimum: 1 },
};

export function documentErrorAnswers(doc: OpenAPIObject, matrix: Readonly<Record<string, Access>>): void {
  const components = (doc.components ??= {});
  (components.schemas ??= {}).ErrorBody = ERROR_BODY_SCHEMA;
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = (item as Record<string, Operation | undefined>)[method];
      if (!op) continue;
      const key = `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`;
      const responses = (op.responses ??= {});
      for (const [status, description] of Object.entries(expectedErrors(matrix[key], op))) {
        responses[status] ??= { description };
      }
      // an error is always JSON, also from an operation that produces a PDF or a file (@ApiProduces)
      for (const [status, answer] of Object.entries(responses)) {
        if (Number(status) < 400) continue;
        const own = Object.values(answer.content ?? {}).find((c) => c.schema)?.schema;
        answer.content = { 'application/json': { schema: own ?? { $ref: ERROR_BODY_REF } } };
        // an error's 503 says when to ask again (not the readiness probe's, whose body is its own)
        const shape = own as { $ref?: string; properties?: Record<string, unknown> } | undefined;
        const isError = !shape || shape.$ref === ERROR_BODY_REF || shape.properties?.error !== undefined;
        if (status === '503' && isError) answer.headers = { 'Retry-After': RETRY_AFTER, ...answer.headers };
      }
    }
  }
}
