// For the end-to-end tests only (RUJUKAN_RECORD_ANSWERS=<file>): every answer of a route is appended to the file as
// one JSON line (method, route, status, and the body of an error), so the tests can hold each answer against the
// OpenAPI document (test/support/openapi-answers.ts). Off unless the variable is set; it never records a body of
// a successful answer, which may hold personal data.
import { appendFileSync } from 'node:fs';
import type { NextFunction, Request, Response } from 'express';

export function answerRecorder(file: string) {
  return (req: Request, res: Response, next: NextFunction): void => {
    let body: unknown;
    const json = res.json.bind(res);
    res.json = (b: unknown) => {
      body = b;
      return json(b);
    };
    res.on('finish', () => {
      const route = (req.route as { path?: unknown } | undefined)?.path;
      if (typeof route !== 'string') return;
      const status = res.statusCode;
      const line = { method: req.method, route, status, ...(status >= 400 ? { body } : {}) };
      appendFileSync(file, `${JSON.stringify(line)}\n`);
    });
    next();
  };
}
