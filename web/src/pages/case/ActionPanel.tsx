// What the user may do now on a case: a button per allowed action, each opening a form built from that action's
// payload schema. A submit carries an Idempotency-Key kept for the form until the API has answered it for good, so a
// double click or a retry after a network failure acts once; a 422 lands on its fields; a 409 says in words that the
// case has moved on and what may be done now, and the case is read again.
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiFailure, ok, type Schemas } from '../../api/client';
import { errorText } from '../../components/ErrorNotice';
import { SchemaForm, toPayload, type FormValues, type JsonSchema } from '../../components/SchemaForm';
import { DEFAULT_TIME_ZONE, ZONE_NAMES } from '../../format';
import { DOCUMENT_KIND_OF, fieldSetup, initialValues, isShown, type ChoiceSources } from './action-fields';
import { actionSchemasQuery, useActionSchemas } from './action-schemas';

type Case = Schemas['CaseResponseDto'];
type ActionBody = Schemas['ActionRequestDto'];

export function ActionPanel({ c }: { c: Case }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<string | null>(null);
  const queries = useQueryClient();
  // the schemas are read when the user reaches for an action, not with every case page
  const prefetch = () => void queries.prefetchQuery(actionSchemasQuery);
  const [done, setDone] = useState<string | null>(null);
  const status = useRef<HTMLParagraphElement>(null);
  // after a success the button that opened the form may be gone: the keyboard continues from the announcement
  useEffect(() => {
    if (!done) return;
    const id = setTimeout(() => {
      if (document.activeElement === document.body) status.current?.focus();
    }, 50);
    return () => clearTimeout(id);
  }, [done]);
  // one key per action form, kept until the API has answered it for good; what was typed, kept until it succeeds
  // (a dialog closed and opened again, or closed while the API was unreachable, loses nothing)
  const keys = useRef(new Map<string, string>());
  const drafts = useRef(new Map<string, FormValues>());
  const keyFor = (type: string) => {
    if (!keys.current.has(type)) keys.current.set(type, crypto.randomUUID());
    return keys.current.get(type)!;
  };

  return (
    <Stack gap="xs">
      <Text role="status" size="sm" c="teal.9" fw={600} ref={status} tabIndex={-1}>
        {done ?? ''}
      </Text>
      {c.allowedActions.length ? (
        <Group gap="xs">
          {c.allowedActions.map((a) => (
            <Button
              key={a}
              variant="default"
              size="sm"
              onPointerEnter={prefetch}
              onFocus={prefetch}
              onClick={() => {
                setDone(null);
                setOpen(a);
              }}
            >
              {t(`action.${a}`, { defaultValue: a })}
            </Button>
          ))}
        </Group>
      ) : (
        <Text size="sm">{t('case.noActions')}</Text>
      )}
      {open && (
        <ActionDialog
          c={c}
          type={open}
          idempotencyKey={keyFor(open)}
          draft={drafts.current.get(open)}
          onDraft={(values) => drafts.current.set(open, values)}
          onSettled={() => keys.current.delete(open)}
          onClose={() => setOpen(null)}
          onDone={() => {
            drafts.current.delete(open);
            setDone(t('actionForms.done', { action: t(`action.${open}`) }));
            setOpen(null);
          }}
        />
      )}
    </Stack>
  );
}

// A 409: the case has moved on (the action is no longer allowed, or the step is not the one the user saw), or the
// case refuses what this form says (the action is still allowed: a child's consent given by the child herself).
type Conflict = { allowedActions: string[]; movedOn: boolean; why: string };

// The refusals a form's content can meet, as the API words them, in the caseworker's words.
const REFUSALS: Record<string, string> = {
  'for a child, a parent or guardian gives consent': 'childConsent',
  'the consent has already expired': 'consentExpired',
  'that consent has expired': 'consentExpired',
  'that consent was withdrawn': 'consentWithdrawn',
  'that consent does not cover this agency': 'consentOtherAgency',
  'a referral to this agency is already under way': 'referralUnderWay',
  'only a supervisor may lower a risk tier': 'supervisorLowers',
  'only a supervisor may refer without consent (vital interest)': 'vitalInterestSupervisor',
  'a referral without consent (vital interest) is only for a HIGH case': 'vitalInterestHigh',
  'payload.at must not be in the future': 'notInFuture',
  'an extension is already waiting for approval': 'extensionPending',
  'the case is already at that office': 'sameOffice',
};

function ActionDialog(props: {
  c: Case;
  type: string;
  idempotencyKey: string;
  draft: FormValues | undefined;
  onDraft: (values: FormValues) => void;
  onSettled: () => void;
  onClose: () => void;
  onDone: () => void;
}) {
  const { c, type } = props;
  const { t, i18n } = useTranslation();
  const queries = useQueryClient();
  const schemas = useActionSchemas();
  const schema = schemas.data?.get(type);
  const sources = useChoiceSources(c, type, schema);
  const timeZone = sources.offices.find((o) => o.id === c.officeId)?.timeZone ?? DEFAULT_TIME_ZONE;
  const [values, setValues] = useState<FormValues | null>(props.draft ?? null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [busy, setBusy] = useState(false);
  // the step the user saw when opening the form: if the case moves on meanwhile, the API refuses (409)
  const [seenStep] = useState(c.currentStep);
  // a second click before the first answer is the same submit
  const inFlight = useRef(false);
  const form = values ?? (schema ? initialValues(schema) : {});
  const action = t(`action.${type}`);
  const exists = (key: string) => i18n.exists(key);
  const phone = useMediaQuery('(max-width: 36em)');

  const refresh = () =>
    Promise.all([
      queries.invalidateQueries({ queryKey: ['case', c.id] }),
      queries.invalidateQueries({ queryKey: ['timeline', c.id] }),
      queries.invalidateQueries({ queryKey: ['inbox'] }),
    ]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!schema || inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    setProblem(null);
    setConflict(null);
    const payload = toPayload(schema, form, (path) => isShown(type, path, form), timeZone);
    try {
      await ok(
        api.POST('/api/v1/cases/{id}/actions', {
          params: { path: { id: c.id }, header: { 'Idempotency-Key': props.idempotencyKey } },
          body: {
            type: type as ActionBody['type'],
            payload: payload as ActionBody['payload'],
            expectedStep: seenStep,
          },
        }),
      );
      props.onSettled();
      await refresh();
      props.onDone();
    } catch (err) {
      // a refusal (4xx) performed nothing: the next submit is a new request. A network failure or a 5xx may have
      // acted: the key stays, so trying again acts at most once.
      if (err instanceof ApiFailure && err.status < 500) props.onSettled();
      if (err instanceof ApiFailure && err.status === 409 && err.code === 'ACTION_NOT_ALLOWED') {
        const allowedActions = err.body.allowedActions ?? [];
        const message = err.body.message;
        const known = REFUSALS[message];
        setConflict({
          allowedActions,
          movedOn: !allowedActions.includes(type) || message.startsWith('the case is at step'),
          why: known ? t(`actionForms.refusal.${known}`) : message,
        });
        await refresh();
      } else {
        if (err instanceof ApiFailure && err.status === 422)
          setErrors(fieldErrors(err, form, t('actionForms.required')));
        // the answers only an action gives, in this form's words; the others as everywhere in the console
        const own = err instanceof ApiFailure ? `actionForms.error.${err.code}` : '';
        // an earlier try was in fact done: the page shows it
        if (err instanceof ApiFailure && err.code === 'IDEMPOTENCY_KEY_REUSED') await refresh();
        setProblem(own && i18n.exists(own) ? t(own) : errorText(t, err));
      }
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  const dateHelp = (help: string | undefined, s: JsonSchema) =>
    s.format === 'date-time'
      ? [help, t('actionForms.officeTime', { zone: ZONE_NAMES[timeZone] ?? timeZone })].filter(Boolean).join(' ')
      : help;

  return (
    <Modal
      opened
      onClose={props.onClose}
      title={`${action} · ${c.caseNumber}`}
      size="lg"
      fullScreen={phone}
      closeButtonProps={{ 'aria-label': t('actionForms.close') }}
    >
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          {schemas.isPending && <Text size="sm">{t('actionForms.loading')}</Text>}
          {schemas.isSuccess && !schema && <Text size="sm">{t('actionForms.noForm')}</Text>}
          {schemas.error && <Text size="sm">{errorText(t, schemas.error)}</Text>}
          {schema && (
            <>
              <Text size="xs" c="gray.7">
                {t('actionForms.requiredNote')}
              </Text>
              <SchemaForm
                schema={schema}
                value={form}
                onChange={(next, path) => {
                  setValues(next);
                  props.onDraft(next);
                  // the problem of a field goes once it is changed; the form's alert once none is left
                  const left = Object.fromEntries(Object.entries(errors).filter(([k]) => k !== path));
                  setErrors(left);
                  if (!Object.keys(left).length && !conflict) setProblem(null);
                }}
                errors={errors}
                setup={(path, s, required, v) => {
                  const setup = fieldSetup(t, exists, c, type, sources, path, s, required, v);
                  return { ...setup, help: dateHelp(setup.help, s) };
                }}
              />
            </>
          )}
          {conflict?.movedOn && (
            <Alert color="red" role="alert" title={t('actionForms.notAllowed', { action })}>
              <Text size="sm">{t('actionForms.stepNow', { step: t(`step.${c.currentStep}`) })}</Text>
              <Text size="sm">
                {conflict.allowedActions.length
                  ? t('actionForms.allowedNow', {
                      actions: conflict.allowedActions.map((a) => t(`action.${a}`, { defaultValue: a })).join(', '),
                    })
                  : t('actionForms.nothingAllowed')}
              </Text>
            </Alert>
          )}
          {conflict && !conflict.movedOn && (
            <Alert color="red" role="alert" title={t('actionForms.refused', { action })}>
              <Text size="sm">{conflict.why}</Text>
            </Alert>
          )}
          {problem && (
            <Alert color="red" role="alert" title={problem}>
              {Object.keys(errors).length ? t('actionForms.fixFields') : null}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('actionForms.cancel')}
            </Button>
            <Button type="submit" loading={busy} disabled={!schema}>
              {t('actionForms.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

// The API's 422 details ({field: "payload.guardian.name", problems}) by the form's field path; a field left blank
// is "required" in words, any other problem as the API says it.
function fieldErrors(err: ApiFailure, form: FormValues, required: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!Array.isArray(err.body.details)) return out;
  for (const d of err.body.details as { field: string; problems: string[] }[]) {
    const path = d.field.replace(/^payload\./, '');
    const v = path
      .split('.')
      .reduce<unknown>((x, k) => (x && typeof x === 'object' ? (x as FormValues)[k] : undefined), form);
    const blank = v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
    out[path] = blank ? required : d.problems.join('; ');
  }
  return out;
}

// The lists a form chooses from, fetched only when its schema has a field that needs them.
function useChoiceSources(c: Case, type: string, schema: JsonSchema | undefined): ChoiceSources {
  const fields = JSON.stringify(schema?.properties ?? {});
  const needs = (name: string) => fields.includes(`"${name}"`);
  const agencies = useQuery({
    queryKey: ['action-forms', 'partner-agencies'],
    queryFn: () => ok(api.GET('/api/v1/partner-agencies')),
    staleTime: 300_000,
  });
  const offices = useQuery({
    queryKey: ['action-forms', 'offices'],
    queryFn: () => ok(api.GET('/api/v1/offices')),
    staleTime: 300_000,
  });
  const documents = useQuery({
    queryKey: ['action-forms', 'documents', c.id],
    enabled: Boolean(schema) && DOCUMENT_KIND_OF[type] !== undefined && needs('documentId'),
    queryFn: () => ok(api.GET('/api/v1/cases/{id}/documents', { params: { path: { id: c.id } } })),
  });
  const cases = useQuery({
    queryKey: ['action-forms', 'cases'],
    enabled: Boolean(schema) && needs('duplicateOfCaseId'),
    queryFn: () => ok(api.GET('/api/v1/cases', { params: { query: { status: 'OPEN', limit: 200 } } })),
  });
  return {
    agencies: agencies.data ?? [],
    offices: offices.data ?? [],
    documents: documents.data?.items ?? [],
    cases: cases.data?.items ?? [],
  };
}
