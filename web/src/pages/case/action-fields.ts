// What the payload schemas cannot say and a caseworker needs: which of the API's ids a field chooses among (an
// agency, an office, a consent, a referral, a document, a case) and in what words, when a field shows (the guardian
// only for a guardian's consent), and the known values of the free-text lists (services, data categories).
import type { TFunction } from 'i18next';
import type { Schemas } from '../../api/client';
import type { FieldChoice, FieldSetup, FormValues, JsonSchema } from '../../components/SchemaForm';
import { formatDate } from '../../format';
import { en } from '../../i18n/action-forms';

type Case = Schemas['CaseResponseDto'];

// what the form may choose among, fetched for it
export type ChoiceSources = {
  agencies: Schemas['PartnerAgencyDto'][];
  offices: Schemas['OfficeDto'][];
  documents: Schemas['DocumentDto'][];
  cases: Schemas['CaseResponseDto'][];
};

// The signed document an action may point at (src/documents/document-kinds.ts).
export const DOCUMENT_KIND_OF: Record<string, string> = {
  'record-consent': 'SIGNED_CONSENT',
  'record-refusal': 'SIGNED_REFUSAL',
  'record-handover': 'HANDOVER_RECORD',
};

// `action.path` shows only when the form says so; hidden, it is left out of the payload.
const SHOWN_WHEN: Record<string, (v: FormValues) => boolean> = {
  'record-consent.guardian': (v) => v.givenBy === 'GUARDIAN',
  'send-referral.consentId': (v) => v.legalBasis === 'CONSENT',
  'propose-closure.duplicateOfCaseId': (v) => v.reasonCode === 'DUPLICATE',
  // no route lists the receiving office's staff yet: the case goes to that office's queue
  'accept-transfer.assigneeId': () => false,
};

export function isShown(type: string, path: string, v: FormValues): boolean {
  const rule = SHOWN_WHEN[`${type}.${path}`];
  return rule ? rule(v) : true;
}

// an optional yes/no whose absence means "as the risk tier says"
const TRI_STATE = new Set(['plan.rehabilitation', 'plan.reintegration']);

const KNOWN_SERVICES = Object.keys(en.actionForms.service);
const DATA_CATEGORIES = Object.keys(en.actionForms.dataCategory);

export function fieldSetup(
  t: TFunction,
  exists: (key: string) => boolean,
  c: Case,
  type: string,
  sources: ChoiceSources,
  path: string,
  schema: JsonSchema,
  required: boolean,
  v: FormValues,
): FieldSetup {
  const name = path.split('.').pop() ?? path;
  const own = `actionForms.inAction.${type}.${name}`;
  const base = exists(`${own}.label`) ? own : `actionForms.field.${name}`;
  const label = exists(`${base}.label`) ? t(`${base}.label`) : (schema.description ?? name);
  const help = exists(`${base}.help`) ? t(`${base}.help`) : schema.description;
  const shown = isShown(type, path, v);
  const setup: FieldSetup = {
    label,
    help,
    hidden: !shown,
    // a field that shows only in one case is needed in that case
    required: required || (shown && SHOWN_WHEN[`${type}.${path}`] !== undefined),
    choices: choicesFor(t, exists, c, type, sources, name, schema, v),
    empty: t('actionForms.noChoice'),
  };
  if (TRI_STATE.has(path)) {
    setup.unset = t('actionForms.unsetPlan');
    setup.choices = [
      { value: 'yes', label: t('actionForms.yes') },
      { value: 'no', label: t('actionForms.no') },
    ];
  }
  return setup;
}

// A value of an enum in words: the form's own words, else the console's (tiers, steps).
function enumWords(t: TFunction, exists: (key: string) => boolean, name: string, value: string): string {
  for (const key of [`actionForms.enum.${name}.${value}`, name === 'riskTier' ? `tier.${value}` : '', `step.${value}`])
    if (key && exists(key)) return t(key);
  return value;
}

function choicesFor(
  t: TFunction,
  exists: (key: string) => boolean,
  c: Case,
  type: string,
  s: ChoiceSources,
  name: string,
  schema: JsonSchema,
  v: FormValues,
): FieldChoice[] | undefined {
  const agencyName = (id: string) => s.agencies.find((a) => a.id === id)?.name ?? '–';
  const values = schema.enum ?? schema.items?.enum;
  if (values) return values.map((x) => ({ value: String(x), label: enumWords(t, exists, name, String(x)) }));
  switch (name) {
    case 'agencyId':
    case 'recipientAgencyId':
      return s.agencies.filter((a) => a.active).map((a) => ({ value: a.id, label: a.name }));
    case 'toOfficeId':
      return s.offices.filter((o) => o.id !== c.officeId).map((o) => ({ value: o.id, label: o.name }));
    case 'consentId':
      return c.consents
        .filter((x) => !x.withdrawnAt && Date.parse(x.expiresAt) > Date.now())
        .filter((x) => type !== 'send-referral' || !v.agencyId || x.recipientAgencyId === v.agencyId)
        .map((x) => ({
          value: x.id,
          label: t('actionForms.consentChoice', {
            agency: agencyName(x.recipientAgencyId),
            by: t(`actionForms.enum.givenBy.${x.givenBy}`),
            date: formatDate(x.expiresAt),
          }),
        }));
    case 'referralId':
      return c.referrals
        .filter((r) =>
          type === 'review-referral'
            ? r.legalBasis === 'VITAL_INTEREST' && r.status !== 'REVOKED'
            : type === 'approve-referral' || type === 'reject-referral'
              ? r.status === 'PENDING_APPROVAL'
              : true,
        )
        .map((r) => ({
          value: r.id,
          label: t('actionForms.referralChoice', {
            agency: agencyName(r.agencyId),
            status: t(`referralStatus.${r.status}`),
            date: formatDate(r.sentAt),
          }),
        }));
    case 'documentId':
      return s.documents
        .filter((d) => d.kind === DOCUMENT_KIND_OF[type] && !d.deletedAt)
        .map((d) => ({ value: d.id, label: `${d.filename} · ${formatDate(d.uploadedAt)}` }));
    case 'duplicateOfCaseId':
      return s.cases
        .filter((x) => x.id !== c.id)
        .map((x) => ({ value: x.id, label: [x.caseNumber, x.person?.fullName].filter(Boolean).join(' · ') }));
    case 'services': {
      // a referral asks for what the chosen agency offers; a plan or a rehabilitation names any known service
      const offered =
        type === 'send-referral' ? (s.agencies.find((a) => a.id === v.agencyId)?.services ?? []) : KNOWN_SERVICES;
      return offered.map((x) => ({
        value: x,
        label: exists(`actionForms.service.${x}`) ? t(`actionForms.service.${x}`) : x,
      }));
    }
    case 'dataCategories':
      return DATA_CATEGORIES.map((x) => ({ value: x, label: t(`actionForms.dataCategory.${x}`) }));
    default:
      return undefined;
  }
}

// The form's first values: what the schema gives as default, and the one value of a single-valued choice.
export function initialValues(schema: JsonSchema): FormValues {
  const out: FormValues = {};
  for (const [name, p] of Object.entries(schema.properties ?? {})) {
    if (p.type === 'object') out[name] = initialValues(p);
    else if (p.default !== undefined) out[name] = p.default;
    else if (p.enum?.length === 1 && (schema.required ?? []).includes(name)) out[name] = p.enum[0];
  }
  return out;
}
