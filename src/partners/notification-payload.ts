// What a partner may receive (PROCESS.md "Referrals and consent"): the minimum necessary, and a field beyond it
// only when both the agency's allow-list and the consent's data categories include it. No framework imports.

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
} as const;

export type ProfileField = keyof typeof PROFILE_FIELDS;
export const PROFILE_FIELD_NAMES = Object.keys(PROFILE_FIELDS) as ProfileField[];
// What PROCESS.md calls the minimum necessary: the allow-list the demo agencies are seeded with.
export const MINIMUM_FIELDS = PROFILE_FIELD_NAMES.filter((f) => PROFILE_FIELDS[f] === 'MINIMUM');

export type Profile = { [K in ProfileField]?: unknown };

export type WebhookEvent = { id: string; type: string; occurredAt: string; caseNumber: string; data: Record<string, unknown> };

export function permittedFields(allowedFields: readonly string[], consentCategories: readonly string[] | null): ProfileField[] {
  const categories = new Set(consentCategories ?? []);
  return PROFILE_FIELD_NAMES.filter((field) => {
    if (!allowedFields.includes(field)) return false;
    const needs = PROFILE_FIELDS[field];
    return needs === 'MINIMUM' || categories.has(needs);
  });
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
  const returnee: Record<string, unknown> = {};
  for (const field of permittedFields(args.allowedFields, args.consent?.dataCategories ?? null)) {
    if (args.profile[field] !== undefined && args.profile[field] !== null) returnee[field] = args.profile[field];
  }
  return {
    id: args.eventId,
    type: args.type,
    occurredAt: args.occurredAt,
    caseNumber: args.caseNumber,
    data: { ...args.eventData, consentId: args.consent?.id ?? null, returnee },
  };
}
