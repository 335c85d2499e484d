// What registering one returnee and an arrival batch share: the form's fields, the body of POST /api/v1/cases, the
// API's field errors mapped back onto the fields, and the arrival's fieldset.
import { Anchor, Group, Paper, Select, SimpleGrid, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiFailure, type Schemas } from '../api/client';

export type Arrival = { category: string; point: string; arrivedAt: string; fromCountry: string };
export type Person = {
  fullName: string;
  sex: string;
  dateOfBirth: string;
  nationalId: string;
  passportNumber: string;
  phone: string;
  province: string;
  regency: string;
};
export type RegistrationForm = Person & Arrival;
export type FieldName = keyof RegistrationForm;
export type FieldErrors = Partial<Record<FieldName, string>>;

export const EMPTY_ARRIVAL: Arrival = { category: '', point: '', arrivedAt: '', fromCountry: '' };
export const EMPTY_PERSON: Person = {
  fullName: '',
  sex: '',
  dateOfBirth: '',
  nationalId: '',
  passportNumber: '',
  phone: '',
  province: '',
  regency: '',
};

// the API's field names (422 details) → the form's
const FIELD_OF: Record<string, FieldName> = {
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

export function registrationBody(f: RegistrationForm): Body {
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

// The problems of a 422 answer, per field of the form (the API's own words).
export function fieldProblems(err: unknown): Partial<Record<FieldName, string[]>> {
  const found: Partial<Record<FieldName, string[]>> = {};
  if (!(err instanceof ApiFailure) || err.status !== 422 || !Array.isArray(err.body.details)) return found;
  for (const d of err.body.details as { field: string; problems: string[] }[]) {
    const name = FIELD_OF[d.field];
    if (name) found[name] = d.problems;
  }
  return found;
}

// The screen's title, with the way to the other way of registering (one returnee, or a batch).
export function RegistrationTitle({ title, to, link }: { title: string; to: string; link: string }) {
  return (
    <Group justify="space-between" align="flex-end">
      <Title order={1} size="h2">
        {title}
      </Title>
      <Anchor component={Link} to={to}>
        {link}
      </Anchor>
    </Group>
  );
}

type Bind = { value: string; error?: string; onChange: (e: { currentTarget: { value: string } }) => void };
type BindChoice = { value: string | null; error?: string; onChange: (v: string | null) => void };

// The arrival's fieldset: for one returnee, or typed once for a whole batch.
export function ArrivalFields({
  field,
  choice,
}: {
  field: (name: keyof Arrival) => Bind;
  choice: (name: keyof Arrival) => BindChoice;
}) {
  const { t } = useTranslation();
  return (
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
  );
}
