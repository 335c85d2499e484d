// One referral as its partner agency answers it: the minimum data the API gives (the name only where the allow-list
// and the consent both allow it), the two deadlines with a live countdown, the handshake's answers as forms
// (acknowledge; accept or decline with a reason, for the head of unit; complete with a summary), the referral letter
// to print, and the documents the consent shares. A refused answer is said in words, with the referral's status now.
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, ApiFailure, ok } from '../api/client';
import { useAuth } from '../auth';
import { errorText } from '../components/ErrorNotice';
import { Outcome } from '../components/Outcome';
import { Section } from '../components/Section';
import { formatDateTime } from '../format';
import i18n, { addWords } from '../i18n';
import * as casefile from '../i18n/casefile';
import * as partner from '../i18n/partner';
import { useNow } from '../useNow';
import { FileButtons, fileErrorText } from './case/Documents';
import { PrintButton, referralLetter } from './case/Letters';
import { Urgency } from './partner/Urgency';
import { owed, PARTNER_REFERRALS, usePartnerReferral, type Referral } from './partner/referrals';

addWords(casefile, partner);

type Answer = 'acknowledge' | 'accept' | 'decline' | 'complete';
const REASONS = ['NO_CAPACITY', 'NOT_OUR_SERVICE', 'OUT_OF_AREA', 'NEEDS_OTHER_AGENCY', 'OTHER'] as const;

function Field({ label, value }: { label: string; value: string | null }) {
  const { t } = useTranslation();
  return (
    <div>
      <Text size="xs" c="gray.7">
        {label}
      </Text>
      <Text size="sm" fs={value === null ? 'italic' : undefined} c={value === null ? 'gray.7' : undefined}>
        {value ?? t('partner.notShared')}
      </Text>
    </div>
  );
}

function Deadline({ r, phase, now }: { r: Referral; phase: 'acknowledge' | 'decide'; now: number }) {
  const { t } = useTranslation();
  const d = r.partnerDeadlines[phase];
  const label = t(phase === 'acknowledge' ? 'partner.ackDeadline' : 'partner.decideDeadline');
  const waiting = owed(r) === phase || (phase === 'decide' && r.status === 'SENT');
  return (
    <Stack gap={2}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      <Text size="sm">
        {d.dueAt
          ? t('partner.dueAt', { when: formatDateTime(d.dueAt) })
          : phase === 'decide' && !d.answeredAt
            ? t('partner.notYet')
            : t('partner.none')}
        {d.answeredAt ? ` · ${t('partner.answeredAt', { when: formatDateTime(d.answeredAt) })}` : ''}
      </Text>
      {d.dueAt && !d.answeredAt && waiting ? <Urgency r={r} due={d.dueAt} now={now} /> : null}
    </Stack>
  );
}

function Documents({ referralId }: { referralId: string }) {
  const { t } = useTranslation();
  const path = { params: { path: { id: referralId } } };
  const list = useQuery({
    queryKey: ['partner-documents', referralId],
    queryFn: () => ok(api.GET('/api/v1/referrals/{id}/documents', path)),
  });
  const [failure, setFailure] = useState<unknown>(null);
  const file = (docId: string) => () =>
    ok(
      api.GET('/api/v1/referrals/{id}/documents/{docId}', {
        params: { path: { id: referralId, docId } },
        parseAs: 'blob',
      }),
    ) as Promise<Blob>;
  const act = (run: () => Promise<void>) => {
    setFailure(null);
    run().catch(setFailure);
  };
  return (
    <Section id="partner-documents" title={t('partner.documents')}>
      <Stack gap="xs">
        {list.error || failure ? (
          <Alert color="red" role="alert" title={fileErrorText(t, failure ?? list.error)}>
            {null}
          </Alert>
        ) : null}
        {list.data && !list.data.items.length ? <Text size="sm">{t('partner.noDocuments')}</Text> : null}
        {list.data?.items.length ? (
          <Stack component="ul" gap={0} m={0} p={0} style={{ listStyle: 'none' }}>
            {list.data.items.map((d) => (
              <Group
                component="li"
                key={d.id}
                justify="space-between"
                gap="xs"
                py="xs"
                style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}
              >
                <div>
                  <Text size="sm">{t(`casefile.kind.${d.kind}`)}</Text>
                  <Text size="sm" fw={500}>
                    {d.filename}
                  </Text>
                </div>
                <Group gap="xs" wrap="nowrap">
                  <FileButtons filename={d.filename} load={file(d.id)} act={act} />
                </Group>
              </Group>
            ))}
          </Stack>
        ) : null}
      </Stack>
    </Section>
  );
}

function Answers({ r, now }: { r: Referral; now: number }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const queries = useQueryClient();
  // accepting and declining are the head of unit's (PROCESS.md 5c)
  const head = user?.role === 'PARTNER_HEAD';
  const [reason, setReason] = useState<string>('');
  const [detail, setDetail] = useState('');
  const [summary, setSummary] = useState('');
  const [missing, setMissing] = useState<string | null>(null);
  const [done, setDone] = useState<Answer | null>(null);
  // one key per answer until the API has taken it: a retry or a double click answers once
  const keys = useRef<Partial<Record<Answer, string>>>({});
  const answer = useMutation({
    mutationFn: async (type: Answer) => {
      const key = (keys.current[type] ??= crypto.randomUUID());
      const params = { path: { id: r.id }, header: { 'Idempotency-Key': key } };
      // the reason is kept in the case in Indonesian, as the caseworker reads it
      const id = i18n.getFixedT('id');
      const why = [reason ? id(`partner.reasons.${reason}`) : '', detail.trim()].filter(Boolean).join(': ');
      if (type === 'decline') return ok(api.POST('/api/v1/referrals/{id}/decline', { params, body: { reason: why } }));
      if (type === 'complete') {
        const body = summary.trim() ? { summary: summary.trim() } : {};
        return ok(api.POST('/api/v1/referrals/{id}/complete', { params, body }));
      }
      if (type === 'accept') return ok(api.POST('/api/v1/referrals/{id}/accept', { params, body: {} }));
      return ok(api.POST('/api/v1/referrals/{id}/acknowledge', { params, body: {} }));
    },
    onSuccess: (_, type) => {
      delete keys.current[type];
      setDone(type);
    },
    onError: (err, type) => {
      // a refusal (4xx) did nothing: the next try is a new request. A 503 (ENGINE_TIMEOUT: the engine may have taken
      // it) or a network failure may have acted: the key stays, so the retry attaches to it and answers once.
      if (err instanceof ApiFailure && err.status < 500) delete keys.current[type];
    },
    onSettled: () => queries.invalidateQueries({ queryKey: PARTNER_REFERRALS }),
  });
  const send = (type: Answer) => (e?: FormEvent) => {
    e?.preventDefault();
    setDone(null);
    if (type === 'decline' && (!reason || (reason === 'OTHER' && !detail.trim()))) {
      setMissing(!reason ? 'reason' : 'detail');
      return;
    }
    setMissing(null);
    answer.mutate(type);
  };
  const phase = owed(r);
  const due = phase === 'acknowledge' || phase === 'decide' ? r.partnerDeadlines[phase].dueAt : null;
  const refused = (err: unknown): string => {
    if (!(err instanceof ApiFailure)) return errorText(t, err);
    const status = t(`referralStatus.${r.status}`);
    if (err.code === 'ACTION_NOT_ALLOWED')
      return t(due && Date.parse(due) < now ? 'partner.refused.late' : 'partner.refused.ACTION_NOT_ALLOWED', {
        status,
      });
    if (err.code === 'REFERRAL_NOT_FOUND' || err.code === 'FORBIDDEN') return t(`partner.refused.${err.code}`);
    return `${errorText(t, err)} ${err.status === 400 ? err.body.message : ''}`.trim();
  };
  const busy = answer.isPending;
  return (
    <Section id="partner-actions" title={t('partner.actions')}>
      <Stack>
        {done ? <Outcome onClose={() => setDone(null)}>{t(`partner.done.${done}`)}</Outcome> : null}
        {answer.error ? (
          <Alert color="red" role="alert" title={refused(answer.error)}>
            {null}
          </Alert>
        ) : null}
        {!phase ? <Text size="sm">{t('partner.ended')}</Text> : null}
        {phase === 'acknowledge' ? (
          <Stack gap="xs" align="start">
            <Title order={3} size="h5">
              {t('partner.owes.acknowledge')}
            </Title>
            <Text size="sm">{t('partner.acknowledgeHint')}</Text>
            <Button onClick={send('acknowledge')} loading={busy}>
              {t('partner.acknowledge')}
            </Button>
          </Stack>
        ) : null}
        {phase === 'decide' && !head ? <Text size="sm">{t('partner.decideHeadOnly')}</Text> : null}
        {(phase === 'acknowledge' || phase === 'decide') && head ? (
          <>
            <Title order={3} size="h5">
              {t('partner.owes.decide')}
            </Title>
            {phase === 'acknowledge' ? <Text size="sm">{t('partner.decideHint')}</Text> : null}
            <Group>
              <Button onClick={send('accept')} loading={busy}>
                {t('partner.accept')}
              </Button>
            </Group>
            <form onSubmit={send('decline')} noValidate>
              <Stack gap="xs">
                <NativeSelect
                  label={t('partner.declineReason')}
                  value={reason}
                  onChange={(e) => setReason(e.currentTarget.value)}
                  data={[
                    { value: '', label: '—' },
                    ...REASONS.map((c) => ({ value: c, label: t(`partner.reasons.${c}`) })),
                  ]}
                  error={missing === 'reason' ? t('partner.reasonMissing') : undefined}
                  required
                />
                <Textarea
                  label={t('partner.declineOther')}
                  description={t('partner.declineOtherHint')}
                  value={detail}
                  onChange={(e) => setDetail(e.currentTarget.value)}
                  error={missing === 'detail' ? t('partner.detailMissing') : undefined}
                  required={reason === 'OTHER'}
                  maxLength={1500}
                  autosize
                  minRows={2}
                />
                <Group>
                  <Button type="submit" variant="outline" color="red.9" loading={busy}>
                    {t('partner.decline')}
                  </Button>
                </Group>
              </Stack>
            </form>
          </>
        ) : null}
        {phase === 'complete' ? (
          <form onSubmit={send('complete')}>
            <Stack gap="xs">
              <Textarea
                label={t('partner.summary')}
                description={t('partner.summaryHint')}
                value={summary}
                onChange={(e) => setSummary(e.currentTarget.value)}
                maxLength={4000}
                autosize
                minRows={3}
              />
              <Group>
                <Button type="submit" loading={busy}>
                  {t('partner.complete')}
                </Button>
              </Group>
            </Stack>
          </form>
        ) : null}
        {r.reason ? <Text size="sm">{t('casefile.reason', { reason: r.reason })}</Text> : null}
        {r.summary ? <Text size="sm">{t('casefile.summary', { summary: r.summary })}</Text> : null}
      </Stack>
    </Section>
  );
}

export function PartnerReferral() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const now = useNow();
  const one = usePartnerReferral(id);
  const r = one.data;
  const back = (
    <Anchor component={Link} to="/" size="sm">
      {t('partner.back')}
    </Anchor>
  );
  if (one.isPending) return <Loader aria-label={t('partner.details')} />;
  if (!r)
    return (
      <Stack maw={900}>
        {back}
        {one.error && !(one.error instanceof ApiFailure && one.error.status === 404) ? (
          <Alert color="red" role="alert" title={errorText(t, one.error)}>
            {null}
          </Alert>
        ) : (
          <Alert color="gray" title={t('partner.notFound')}>
            {null}
          </Alert>
        )}
      </Stack>
    );
  const sex = r.sex ? t(`sex.${r.sex}`) : null;
  return (
    <Stack maw={900}>
      {back}
      <Group justify="space-between" align="start" gap="xs">
        <div>
          <Title order={1} size="h2">
            {t('partner.caseNumber')} <span style={{ whiteSpace: 'nowrap' }}>{r.caseNumber}</span>
          </Title>
          <Text>
            {r.returneeName ?? (
              <Text span c="gray.7" fs="italic" inherit title={t('partner.nameWithheldHint')}>
                {t('partner.nameWithheld')}
              </Text>
            )}
          </Text>
        </div>
        <Badge variant="outline" color="dark" tt="none" size="lg">
          {t(`referralStatus.${r.status}`)}
        </Badge>
      </Group>
      {r.returneeName ? null : (
        <Text size="sm" c="gray.7">
          {t('partner.nameWithheldHint')}
        </Text>
      )}
      <Section id="partner-deadlines" title={t('partner.deadlines')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Deadline r={r} phase="acknowledge" now={now} />
          <Deadline r={r} phase="decide" now={now} />
        </SimpleGrid>
      </Section>
      <Section id="partner-details" title={t('partner.details')}>
        <SimpleGrid cols={{ base: 2, sm: 3 }}>
          <Field label={t('partner.sex')} value={sex} />
          <Field label={t('partner.age')} value={r.age === null ? null : t('partner.ageYears', { count: r.age })} />
          <Field label={t('partner.language')} value={r.language} />
          <Field label={t('partner.tier')} value={r.riskTier ? t(`tier.${r.riskTier}`) : null} />
          <Field
            label={t('partner.services')}
            value={r.services.map((s) => t(`casefile.service.${s}`, { defaultValue: s })).join(', ')}
          />
          <Field label={t('partner.basis')} value={t(`casefile.legalBasis.${r.legalBasis}`)} />
          <Field label={t('partner.sent')} value={formatDateTime(r.sentAt)} />
        </SimpleGrid>
      </Section>
      <Answers r={r} now={now} />
      <Section id="partner-letter" title={t('partner.letter')}>
        <PrintButton label={t('partner.printLetter')} load={referralLetter(r.caseId, r.id)} />
      </Section>
      <Documents referralId={r.id} />
    </Stack>
  );
}
