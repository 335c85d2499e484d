// What a partner may receive (PROCESS.md "Referrals and consent"): the minimum necessary, and a field beyond it
// only when both the agency's allow-list and the consent's data categories include it. No framework imports.
import type { WebhookProfileRow } from '../cases/case.repository';

// The fields a payload can carry about the returnee, and the consent category each needs. MINIMUM fields need no
// consent category (they are the minimum necessary for any referral), but still the agency's allow-list.
export const PROFILE_FIELDS = {
  age: 'MINIMUM',
  sex: 'MINIMUM',
  language: 'MINIMUM',
  riskTier: 'MINIMUM',
  homeRegion: 'CONTACT',
  fullName: 'IDENTITY',
  nationalId: 'IDENTITY',
  phone: 'CONTACT',
  // from the person file (issue 16, rule 8): what a shelter or hospital must know to receive the returnee safely.
  // A disability is health data (UU PDP Pasal 4): a HEALTH consent; safety notes (threats, who must not learn where
  // the returnee is) a SAFETY consent.
  disability: 'HEALTH',
  safetyNotes: 'SAFETY',
} as const;

export type ProfileField = keyof typeof PROFILE_FIELDS;
export const PROFILE_FIELD_NAMES = Object.keys(PROFILE_FIELDS) as ProfileField[];
// What PROCESS.md calls the minimum necessary: the allow-list the demo agencies are seeded with.
export const MINIMUM_FIELDS = PROFILE_FIELD_NAMES.filter((f) => PROFILE_FIELDS[f] === 'MINIMUM');

export type Profile = { [K in ProfileField]?: unknown };

// The profile of a case as PostgreSQL gives it (CaseRepository.webhookProfile), before any filtering.
export function profileOf(p: Partial<WebhookProfileRow>): Profile {
  return {
    age: p.age,
    sex: p.sex,
    language: p.language,
    riskTier: p.risk_tier,
    homeRegion: p.home_province ? { province: p.home_province, regency: p.home_regency } : undefined,
    fullName: p.full_name,
    nationalId: p.national_id,
    phone: p.phone,
    disability: p.disability,
    safetyNotes: p.safety_notes,
  };
}

export type WebhookEvent = {
  id: string;
  type: string;
  occurredAt: string;
  caseNumber: string;
  data: Record<string, unknown>;
};

export function permittedFields(
  allowedFields: readonly string[],
  consentCategories: readonly string[] | null,
): ProfileField[] {
  const categories = new Set(consentCategories ?? []);
  return PROFILE_FIELD_NAMES.filter((field) => {
    if (!allowedFields.includes(field)) return false;
    const needs = PROFILE_FIELDS[field];
    return needs === 'MINIMUM' || categories.has(needs);
  });
}

// The returnee as a recipient may see them: the permitted profile fields that have a value, and the consent the
// filter applied. The webhook body and the printed referral letter both come from here, so they never differ.
export function recipientView(args: {
  profile: Profile;
  allowedFields: readonly string[];
  consent: { id: string; dataCategories: readonly string[] } | null;
}): { consentId: string | null; returnee: Profile } {
  const returnee: Profile = {};
  for (const field of permittedFields(args.allowedFields, args.consent?.dataCategories ?? null)) {
    if (args.profile[field] !== undefined && args.profile[field] !== null) returnee[field] = args.profile[field];
  }
  return { consentId: args.consent?.id ?? null, returnee };
}

// The webhook body of DESIGN.md: {id, type, occurredAt, caseNumber, data}. `data` is what the event itself says
// (referral id, services, level...) plus the permitted profile fields under `returnee`.
export function buildWebhookEvent(args: {
  eventId: string;
  type: string;
  occurredAt: string;
  caseNumber: string;
  eventData: Record<string, unknown>;
  profile: Profile;
  allowedFields: readonly string[];
  consent: { id: string; dataCategories: readonly string[] } | null;
}): WebhookEvent {
  const view = recipientView(args);
  return {
    id: args.eventId,
    type: args.type,
    occurredAt: args.occurredAt,
    caseNumber: args.caseNumber,
    data: { ...args.eventData, consentId: view.consentId, returnee: view.returnee },
  };
}
