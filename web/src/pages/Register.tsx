// Register one returnee. While the caseworker types the NIK, the passport number or the name, the office's cases are
// searched and the likely earlier cases of the same person are shown: returnees come back, and a second case for
// the same person must be a choice, not an accident. The submit carries an idempotency key kept until it succeeds,
// so a double click or a retry after a network failure registers once; a 422 puts each problem on its field.
import {
  Anchor,
  Button,
  Checkbox,
  Group,
  List,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, ApiFailure, ok, type Schemas } from '../api/client';
import { errorText } from '../components/ErrorNotice';

type Form = {
  fullName: string;
  sex: string;
  dateOfBirth: string;
  nationalId: string;
  passportNumber: string;
  phone: string;
  province: string;
  regency: string;
  category: string;
  point: string;
  arrivedAt: string;
  fromCountry: string;
};
const EMPTY: Form = {
  fullName: '',
  sex: '',
  dateOfBirth: '',
  nationalId: '',
  passportNumber: '',
  phone: '',
  province: '',
  regency: '',
  category: '',
  point: '',
  arrivedAt: '',
  fromCountry: '',
};
// the API's field names (422 details) → the form's
const FIELD_OF: Record<string, keyof Form> = {
  'person.fullName': 'fullName',
  'person.sex': 'sex',
  'person.dateOfBirth': 'dateOfBirth',
  'person.nationalId': 'nationalId',
  'person.passportNumber': 'passportNumber',
  'person.phone': 'phone',
  'person.homeRegion.province': 'province',
  'person.homeRegion.regency': 'regency',
  category: 'category',
  'arrival.point': 'point',
  'arrival.arrivedAt': 'arrivedAt',
  'arrival.fromCountry': 'fromCountry',
};
const CATEGORIES = ['PMI_PURNA', 'DEPORTEE', 'PROBLEM_PMI', 'TPPO_VICTIM'] as const;
type Body = Schemas['CreateCaseDto'];

function toBody(f: Form): Body {
  const opt = (v: string) => (v.trim() ? v.trim() : undefined);
  return {
    category: f.category as Body['category'],
    person: {
      fullName: f.fullName.trim(),
      sex: f.sex as Body['person']['sex'],
      dateOfBirth: f.dateOfBirth,
      nationalId: opt(f.nationalId),
      passportNumber: opt(f.passportNumber),
      phone: opt(f.phone),
      homeRegion: { province: f.province.trim(), regency: f.regency.trim() },
    },
    // the arrival time as typed, in the browser's zone (the desk's own)
    arrival: {
      point: f.point.trim(),
      arrivedAt: f.arrivedAt ? new Date(f.arrivedAt).toISOString() : '',
      fromCountry: f.fromCountry.trim().toUpperCase(),
    },
  };
}

// What the office already holds of this person: by NIK, by passport, and by name.
function useEarlierCases(f: Form) {
  const [keys] = useDebouncedValue([f.nationalId.trim(), f.passportNumber.trim(), f.fullName.trim()] as const, 400);
  const search = (q: string) =>
    ok(api.GET('/api/v1/cases', { params: { query: { q, limit: 5 } } })).then((r) => r.items);
  return useQuery({
    queryKey: ['earlier-cases', keys],
    enabled: keys.some((k) => k.length >= 3),
    queryFn: async () => {
      const [nik, passport, name] = keys;
      const found = await Promise.all([
        nik.length >= 8 ? search(nik) : [],
        passport.length >= 5 ? search(passport) : [],
        name.length >= 3 ? search(name) : [],
      ]);
      const seen = new Map<string, Schemas['CaseResponseDto']>();
      for (const c of found.flat()) {
        // a name only counts when it is close; an identifier always
        if (c.match && c.match.matchedOn === 'name' && c.match.score < 0.6) continue;
        // the first search that found a case says why: an identifier before a name
        if (!seen.has(c.id)) seen.set(c.id, c);
      }
      return [...seen.values()];
    },
  });
}

export function Register() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form, setForm] = useState<Form>(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<keyof Form, string>>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [busy, setBusy] = useState(false);
  // one key for this registration until it succeeds: a retry of the same form is the same registration
  const key = useRef<string>(crypto.randomUUID());
  const earlier = useEarlierCases(form);
  const candidates = useMemo(() => earlier.data ?? [], [earlier.data]);

  const field = (name: keyof Form) => ({
    value: form[name],
    error: errors[name],
    onChange: (e: { currentTarget: { value: string } }) => {
      const value = e.currentTarget.value;
      setForm((f) => ({ ...f, [name]: value }));
      setErrors((x) => ({ ...x, [name]: undefined }));
    },
  });
  const choice = (name: keyof Form) => ({
    value: form[name] || null,
    error: errors[name],
    onChange: (v: string | null) => {
      setForm((f) => ({ ...f, [name]: v ?? '' }));
      setErrors((x) => ({ ...x, [name]: undefined }));
    },
  });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (candidates.length && !confirmed) {
      setProblem(t('register.confirmFirst'));
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const created = await ok(
        api.POST('/api/v1/cases', { body: toBody(form), params: { header: { 'Idempotency-Key': key.current } } }),
      );
      key.current = crypto.randomUUID();
      void navigate(`/cases/${created.id}`);
    } catch (err) {
      if (err instanceof ApiFailure && err.status === 422 && Array.isArray(err.body.details)) {
        const next: Partial<Record<keyof Form, string>> = {};
        for (const d of err.body.details as { field: string; problems: string[] }[]) {
          const name = FIELD_OF[d.field];
          if (name) next[name] = d.problems.join('; ');
        }
        setErrors(next);
      }
      setProblem(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack maw={900}>
      <Title order={1} size="h2">
        {t('register.title')}
      </Title>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Paper withBorder p="md" component="fieldset">
            <Title order={2} size="h4" component="legend">
              {t('register.person')}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label={t('case.name')} required autoComplete="off" {...field('fullName')} />
              <Select
                label={t('case.sex')}
                required
                data={[
                  { value: 'F', label: t('sex.F') },
                  { value: 'M', label: t('sex.M') },
                ]}
                {...choice('sex')}
              />
              <TextInput label={t('case.born')} type="date" required {...field('dateOfBirth')} />
              <TextInput
                label={t('case.nik')}
                description={t('register.nikHelp')}
                inputMode="numeric"
                autoComplete="off"
                {...field('nationalId')}
              />
              <TextInput label={t('case.passport')} autoComplete="off" {...field('passportNumber')} />
              <TextInput label={t('case.phone')} type="tel" autoComplete="off" {...field('phone')} />
              <TextInput label={t('register.province')} required {...field('province')} />
              <TextInput label={t('register.regency')} required {...field('regency')} />
            </SimpleGrid>
          </Paper>
          {candidates.length > 0 && (
            <Paper withBorder p="md" role="status" className="warning-panel">
              <Text fw={700} mb="xs">
                {t('register.earlier', { count: candidates.length })}
              </Text>
              <List size="sm">
                {candidates.map((c) => (
                  <List.Item key={c.id}>
                    <Anchor component={Link} to={`/cases/${c.id}`} target="_blank">
                      {c.caseNumber}
                    </Anchor>{' '}
                    · {c.match?.fullName} · {t(`register.matchedOn.${c.match?.matchedOn ?? 'name'}`)} ·{' '}
                    {c.status === 'CLOSED' ? t('status.CLOSED') : t(`step.${c.currentStep}`)}
                  </List.Item>
                ))}
              </List>
              <Checkbox
                mt="sm"
                label={t('register.confirm')}
                checked={confirmed}
                onChange={(e) => setConfirmed(e.currentTarget.checked)}
              />
            </Paper>
          )}
          <Paper withBorder p="md" component="fieldset">
            <Title order={2} size="h4" component="legend">
              {t('register.arrival')}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label={t('case.category')}
                required
                data={CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))}
                {...choice('category')}
              />
              <TextInput label={t('register.point')} required {...field('point')} />
              <TextInput label={t('register.arrivedAt')} type="datetime-local" required {...field('arrivedAt')} />
              <TextInput
                label={t('register.fromCountry')}
                description={t('register.fromCountryHelp')}
                required
                maxLength={2}
                {...field('fromCountry')}
              />
            </SimpleGrid>
          </Paper>
          {problem && (
            <Text c="red.9" role="alert">
              {problem}
            </Text>
          )}
          <Group>
            <Button type="submit" loading={busy}>
              {t('register.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
