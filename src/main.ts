import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { ApiExceptionFilter } from './common/api-exception.filter';
import { checkPostgres, checkTemporal, createLogger, runMain } from './common/boot';
import { requestContext } from './common/request-context';
import { createValidationPipe } from './common/validation.pipe';
import { readAppConfig } from './config/app.config';
import { readAuthConfig } from './config/auth.config';
import { readDatabaseConfig } from './config/database.config';
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
  app.useBodyParser('json', { limit: '100kb' });
  app.useGlobalFilters(new ApiExceptionFilter());
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  app.disable('x-powered-by');

  const openApi = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Rujukan API')
      .setDescription('Referral workflow engine for returning migrant workers (BP3MI and partner agencies)')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, openApi, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}

async function main(): Promise<void> {
  const config = readAppConfig();
  readDatabaseConfig();
  readTemporalConfig();
  readAuthConfig();
  readPartnersConfig();
  readPayloadKeys();
  await Promise.all([checkPostgres(), checkTemporal()]);
  const app = await createApi();
  await app.listen(config.port, config.host);
  new Logger('Api').log({ msg: 'listening', url: await app.getUrl() });
}

if (require.main === module) runMain('api', main);
