// Register one returnee. While the caseworker types the NIK, the passport number or the name, the office's cases are
// searched and the likely earlier cases of the same person are shown: returnees come back, and a second case for
// the same person must be a choice, not an accident. The submit carries an idempotency key kept until it succeeds,
// so a double click or a retry after a network failure registers once; a 422 puts each problem on its field.
import { Button, Checkbox, Group, Paper, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, ok } from '../api/client';
import { EarlierCasesList, useEarlierCases } from '../components/EarlierCases';
import { errorText } from '../components/ErrorNotice';
import {
  ArrivalFields,
  EMPTY_ARRIVAL,
  EMPTY_PERSON,
  fieldProblems,
  registrationBody,
  RegistrationTitle,
  type FieldErrors,
  type RegistrationForm as Form,
} from '../components/Registration';

export function Register() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form, setForm] = useState<Form>({ ...EMPTY_PERSON, ...EMPTY_ARRIVAL });
  const [errors, setErrors] = useState<FieldErrors>({});
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
        api.POST('/api/v1/cases', {
          body: registrationBody(form),
          params: { header: { 'Idempotency-Key': key.current } },
        }),
      );
      key.current = crypto.randomUUID();
      void navigate(`/cases/${created.id}`);
    } catch (err) {
      const problems = Object.entries(fieldProblems(err)).map(([name, p]) => [name, p.join('; ')]);
      if (problems.length) setErrors(Object.fromEntries(problems) as FieldErrors);
      setProblem(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack maw={900}>
      <RegistrationTitle title={t('register.title')} to="/register/batch" link={t('batch.fromRegister')} />
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
              <EarlierCasesList cases={candidates} />
              <Checkbox
                mt="sm"
                label={t('register.confirm')}
                checked={confirmed}
                onChange={(e) => setConfirmed(e.currentTarget.checked)}
              />
            </Paper>
          )}
          <ArrivalFields field={field} choice={choice} />
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
