// Holds the answers the API gave during a test file (recorded by src/common/answer-recorder.ts) against its own
// OpenAPI document: every status an operation answered must be documented for it, and every error body must match
// the documented schema. What does not is a failure of the test file (E2eStack.stop).
import { readFileSync, existsSync } from 'node:fs';
import Ajv, { type ValidateFunction } from 'ajv';

export type OpenApiDoc = {
  paths: Record<
    string,
    Record<string, { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }>
  >;
  components?: unknown;
};
export type RecordedAnswer = { method: string; route: string; status: number; body?: unknown };

// '#/components/…' inside the document becomes 'openapi#/components/…' once the document is one schema of Ajv's.
function rebase(schema: unknown): unknown {
  return JSON.parse(JSON.stringify(schema), (key, value) =>
    key === '$ref' && typeof value === 'string' && value.startsWith('#/') ? `openapi${value}` : value,
  );
}

export function undocumentedAnswers(doc: OpenApiDoc, answers: readonly RecordedAnswer[]): string[] {
  const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: false });
  ajv.addSchema({ $id: 'openapi', components: rebase(doc.components ?? {}) });
  const validators = new Map<string, ValidateFunction>();
  const problems = new Set<string>();
  for (const a of answers) {
    // the API of the document; not Swagger UI's own pages or the metrics
    if (!a.route.startsWith('/api/v1/')) continue;
    const path = a.route.replace(/:(\w+)/g, '{$1}');
    const op = doc.paths[path]?.[a.method.toLowerCase()];
    const name = `${a.method} ${path} ${a.status}`;
    if (!op) {
      problems.add(`${a.method} ${path}: not in the OpenAPI document`);
      continue;
    }
    const documented = op.responses?.[String(a.status)];
    if (!documented) {
      problems.add(`${name}: this status is not documented`);
      continue;
    }
    if (a.status < 400) continue;
    const schema = documented.content?.['application/json']?.schema;
    if (!schema) {
      problems.add(`${name}: an error answer without a schema`);
      continue;
    }
    let validate = validators.get(name);
    if (!validate) {
      validate = ajv.compile(rebase(schema) as object);
      validators.set(name, validate);
    }
    if (!validate(a.body)) {
      problems.add(`${name}: the body does not match its schema (${ajv.errorsText(validate.errors)})`);
    }
  }
  return [...problems];
}

export function readRecordedAnswers(file: string): RecordedAnswer[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as RecordedAnswer);
}
