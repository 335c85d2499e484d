import { readEmailConfig, type EmailConfig } from '../notifications/email.transport';
import { readAppConfig } from './app.config';
import { readOptional, readPositiveNumber } from './env';

export type MessagingConfig = {
  // email is on only when SMTP_URL names a server (smtp:// or smtps://); null: off
  email: EmailConfig | null;
  // the morning digest (07:00 in each office's zone); STAFF_DIGEST=off leaves it out (the e2e stacks, whose mail
  // counts a digest at a real 07:00 would upset)
  digest: boolean;
  // where a message's link to a case points: the console's address as people open it
  consoleUrl: string;
  // a message not accepted is tried again with exponential backoff for this long, then FAILED (an admin can resend)
  retryBudgetSeconds: number;
  firstRetrySeconds: number;
  maxRetryIntervalSeconds: number;
};

export function readMessagingConfig(env: NodeJS.ProcessEnv = process.env): MessagingConfig {
  const consoleUrl = readAppConfig(env).publicUrl ?? `http://localhost:${env.PORT ?? '3000'}`;
  return {
    email: readEmailConfig(env),
    digest: readOptional(env, 'STAFF_DIGEST') !== 'off',
    consoleUrl,
    retryBudgetSeconds: readPositiveNumber(env, 'MESSAGE_RETRY_BUDGET_SECONDS', 24 * 60 * 60),
    firstRetrySeconds: readPositiveNumber(env, 'MESSAGE_FIRST_RETRY_SECONDS', 5),
    maxRetryIntervalSeconds: readPositiveNumber(env, 'MESSAGE_MAX_RETRY_INTERVAL_SECONDS', 60 * 60),
  };
}
