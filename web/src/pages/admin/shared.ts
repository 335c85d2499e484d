// What the administration screens share: the registries they name things from, the roles, and an API error in
// words (the administration's own codes first, then the console's).
import type { useTranslation } from 'react-i18next';
import { api, ApiFailure, ok, type Schemas } from '../../api/client';
import { errorText } from '../../components/ErrorNotice';
import { formatDateTime } from '../../format';

type T = ReturnType<typeof useTranslation>['t'];
export type Role = Schemas['UserDto']['role'];

export const ROLES = [
  'CASEWORKER',
  'SUPERVISOR',
  'HEAD',
  'PARTNER',
  'PARTNER_HEAD',
  'ADMIN',
] as const satisfies readonly Role[];
export const TIME_ZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const;

// which registry an account of the role belongs to (the API's rule: src/admin/users.service.ts)
export function placementOf(role: Role): 'office' | 'agency' | 'none' {
  if (role === 'PARTNER' || role === 'PARTNER_HEAD') return 'agency';
  return role === 'ADMIN' ? 'none' : 'office';
}

// every agency, inactive ones too (the administrator's list)
export const agenciesQuery = {
  queryKey: ['admin', 'agencies'],
  queryFn: () => ok(api.GET('/api/v1/partner-agencies')),
};

export function adminError(t: T, err: unknown): string {
  if (err instanceof ApiFailure) {
    // the SLA drafts' and moves' codes have their words in their own files (i18n/sla-drafts.ts, sla-move.ts)
    for (const key of [`admin.error.${err.code}`, `slaDrafts.error.${err.code}`, `slaMove.error.${err.code}`]) {
      const words = t(key);
      if (words !== key) return words;
    }
  }
  return errorText(t, err);
}

// the fields a 422 names, with the API's problem for each
export function fieldProblems(err: unknown): Record<string, string> {
  if (!(err instanceof ApiFailure) || !Array.isArray(err.body.details)) return {};
  const out: Record<string, string> = {};
  for (const d of err.body.details as { field?: string; problems?: string[] }[]) {
    if (d.field && d.problems?.[0]) out[d.field] = d.problems[0];
  }
  return out;
}

// "3 kali dicoba, gagal 7 Desember 2026 pukul 10.28 WITA" (a replay's answer no longer has when it failed)
export function attemptsText(t: T, d: { attempts: number; failedAt: string | null }): string {
  return d.failedAt
    ? t('admin.failed.attempts', { count: d.attempts, when: formatDateTime(d.failedAt) })
    : t('admin.failed.tried', { count: d.attempts });
}
