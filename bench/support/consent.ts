// The benches' repeatable action with real effects (record-consent): a consent row, a case event, the case
// projection, written by the worker's activity.
import { DEMO_AGENCIES } from '../../src/database/seed';
import type { ActionPayload } from '../../workflows/definition';

export const consentPayload = (): ActionPayload<'record-consent'> => ({
  givenBy: 'SELF',
  method: 'WRITTEN',
  purpose: 'REFERRAL',
  recipientAgencyId: DEMO_AGENCIES.uptdPpaSulteng.id,
  dataCategories: ['IDENTITY', 'HEALTH'],
  expiresAt: new Date(Date.now() + 90 * 86400000).toISOString(),
});
