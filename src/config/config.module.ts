import { ConfigModule, registerAs } from '@nestjs/config';
import { readAppConfig } from './app.config';
import { readAuthConfig } from './auth.config';
import { readDatabaseConfig } from './database.config';
import { readMessagingConfig } from './messaging.config';
import { readPartnersConfig } from './partners.config';
import { readTemporalConfig } from './temporal.config';

// Every process reads the same validated configuration, only from the environment. The read* functions stay free
// of Nest so that scripts and tests can use them too.
export const RujukanConfigModule = ConfigModule.forRoot({
  isGlobal: true,
  ignoreEnvFile: true,
  load: [
    registerAs('app', () => readAppConfig()),
    registerAs('database', () => readDatabaseConfig()),
    registerAs('temporal', () => readTemporalConfig()),
    registerAs('auth', () => readAuthConfig()),
    registerAs('partners', () => readPartnersConfig()),
    registerAs('messaging', () => readMessagingConfig()),
  ],
});
