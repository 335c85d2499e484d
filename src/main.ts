import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import compression from 'compression';
import helmet from 'helmet';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { answerRecorder } from './common/answer-recorder';
import { ApiExceptionFilter } from './common/api-exception.filter';
import { serveConsole } from './common/console';
import { documentErrorAnswers } from './common/openapi-errors';
import { ACCESS_MATRIX, UNGUARDED_PREFIXES } from './auth/access-matrix';
import { BootError, checkPostgres, checkTemporal, createLogger, runMain } from './common/boot';
import { requestContext } from './common/request-context';
import { createValidationPipe } from './common/validation.pipe';
import { readAppConfig } from './config/app.config';
import { readAuthConfig } from './config/auth.config';
import { readDatabaseConfig } from './config/database.config';
import { readDocumentsConfig } from './config/documents.config';
import { readPartnersConfig } from './config/partners.config';
import { readPayloadKeys } from './config/payload-keys.config';
import { readTemporalConfig } from './config/temporal.config';

export async function createApi(): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    logger: createLogger(),
    bodyParser: false,
    abortOnError: false,
  });
  app.use(requestContext);
  if (process.env.RUJUKAN_RECORD_ANSWERS) app.use(answerRecorder(process.env.RUJUKAN_RECORD_ANSWERS));
  // security headers; the API serves JSON (and Swagger UI, whose assets are its own)
  app.use(helmet({ crossOriginResourcePolicy: { policy: 'same-site' } }));
  // gzip for the console's script and styles and for the JSON lists (text only; PDFs and images pass as they are)
  app.use(compression());
  app.enableCors({
    origin: readAppConfig().corsOrigins,
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type', 'idempotency-key', 'x-request-id', 'x-namespace'],
    exposedHeaders: ['x-request-id', 'idempotent-replayed', 'retry-after'],
    maxAge: 600,
  });
  app.useBodyParser('json', { limit: '100kb', reviver: refuseNul });
  // the holiday file of a year (PUT /api/v1/holidays/:year) may come as CSV
  app.useBodyParser('text', { type: 'text/csv', limit: '100kb' });
  app.useGlobalFilters(new ApiExceptionFilter());
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  app.disable('x-powered-by');
  // no ETag (and so no 304) on the API's answers: they hold personal data, and a browser must not keep them to
  // revalidate; the console's own files get their ETags from the static file server
  app.set('etag', false);
  serveConsole(app);

  const openApi = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Rujukan API')
      .setDescription('Referral workflow engine for returning migrant workers (BP3MI and partner agencies)')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  documentErrorAnswers(openApi, ACCESS_MATRIX);
  SwaggerModule.setup('api/docs', app, openApi, { jsonDocumentUrl: 'api/docs-json' });
  await app.init();
  checkAccessMatrix(app);
  return app;
}

// PostgreSQL text cannot hold U+0000, and no field needs it: a body with one is refused as it is read (400).
export class NulCharacterError extends SyntaxError {}
function refuseNul(key: string, value: unknown): unknown {
  if (key.includes('\u0000') || (typeof value === 'string' && value.includes('\u0000'))) {
    throw new NulCharacterError('the request body holds a NUL character (\\u0000), which no field accepts');
  }
  return value;
}

// Every route has its row in the access matrix and every row its route: otherwise the API does not start.
function checkAccessMatrix(app: NestExpressApplication): void {
  const express = app.getHttpAdapter().getInstance() as {
    router?: { stack: RouteLayer[] };
    _router?: { stack: RouteLayer[] };
  };
  const stack = (express.router ?? express._router)?.stack ?? [];
  const routes = new Set<string>();
  for (const layer of stack) {
    const path = layer.route?.path;
    if (typeof path !== 'string' || UNGUARDED_PREFIXES.some((p) => path.startsWith(p))) continue;
    for (const method of Object.keys(layer.route?.methods ?? {}))
      if (method !== '_all') routes.add(`${method.toUpperCase()} ${path}`);
  }
  const missing = [...routes].filter((r) => !(r in ACCESS_MATRIX));
  const stale = Object.keys(ACCESS_MATRIX).filter((r) => !routes.has(r));
  if (missing.length || stale.length) {
    const problems = [...missing.map((r) => `no row for ${r}`), ...stale.map((r) => `no route for ${r}`)];
    throw new BootError(
      `the access matrix (src/auth/access-matrix.ts) does not match the routes: ${problems.join('; ')}`,
    );
  }
}

type RouteLayer = { route?: { path?: unknown; methods?: Record<string, boolean> } };

async function main(): Promise<void> {
  const config = readAppConfig();
  readDatabaseConfig();
  readTemporalConfig();
  readAuthConfig();
  readPartnersConfig();
  readPayloadKeys();
  readDocumentsConfig();
  await Promise.all([checkPostgres(), checkTemporal()]);
  const app = await createApi();
  await app.listen(config.port, config.host);
  new Logger('Api').log({ msg: 'listening', url: await app.getUrl() });
}

if (require.main === module) runMain('api', main);
