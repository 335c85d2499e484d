// A new partner agency, or a change of one: kind, province, services, webhook URL, the returnee fields it may
// receive (names and contacts only where the consent covers them too), the fallback contact, active or not.
import { Checkbox, NativeSelect, SimpleGrid, Switch, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok, type Schemas } from '../../api/client';
import { FormDialog } from './FormDialog';
import { fieldProblems } from './shared';

type Agency = Schemas['PartnerAgencyDto'];
type Kind = Agency['kind'];
const KINDS = [
  'UPTD_PPA',
  'HOSPITAL',
  'SOCIAL_SERVICE',
  'POLICE',
  'TASK_FORCE',
  'BP3MI',
  'OTHER',
] as const satisfies readonly Kind[];
// the returnee fields of src/partners/notification-payload.ts
const FIELDS = [
  'age',
  'sex',
  'language',
  'riskTier',
  'homeRegion',
  'fullName',
  'nationalId',
  'phone',
  'disability',
  'safetyNotes',
] as const;
const SERVICES = [
  'SHELTER',
  'COUNSELLING',
  'CASE_MANAGEMENT',
  'MEDIATION',
  'ACCOMPANIMENT',
  'MEDICAL',
  'FORENSIC',
  'SOCIAL_REHABILITATION',
  'TPPO_INVESTIGATION',
  'PROTECTION',
  'HANDOVER',
  'REINTEGRATION',
  'MONITORING',
  'TPPO_COORDINATION',
] as const;

export function AgencyDialog({
  agency,
  onClose,
  onSaved,
}: {
  agency: Agency | null;
  onClose: () => void;
  onSaved: (answer: Schemas['PartnerAgencyWithSecretDto']) => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(agency?.name ?? '');
  const [kind, setKind] = useState<Kind>(agency?.kind ?? 'UPTD_PPA');
  const [province, setProvince] = useState(agency?.province ?? '');
  const [services, setServices] = useState<string[]>(agency?.services ?? []);
  const [webhookUrl, setWebhookUrl] = useState(agency?.webhookUrl ?? '');
  const [allowedFields, setAllowedFields] = useState<string[]>(
    agency?.allowedFields ?? ['age', 'sex', 'language', 'riskTier'],
  );
  const [contact, setContact] = useState({
    name: agency?.fallbackContact?.name ?? '',
    phone: agency?.fallbackContact?.phone ?? '',
    email: agency?.fallbackContact?.email ?? '',
  });
  const [active, setActive] = useState(agency?.active ?? true);
  const save = useMutation({
    mutationFn: () => {
      const fallbackContact = contact.name.trim()
        ? { name: contact.name, phone: contact.phone.trim() || undefined, email: contact.email.trim() || undefined }
        : undefined;
      const body = {
        name,
        kind,
        province,
        services,
        allowedFields,
        webhookUrl: webhookUrl.trim() || undefined,
        fallbackContact,
      } as Schemas['CreatePartnerAgencyDto'];
      return agency
        ? ok(
            api.PATCH('/api/v1/partner-agencies/{id}', {
              params: { path: { id: agency.id } },
              body: { ...body, active },
            }),
          )
        : ok(api.POST('/api/v1/partner-agencies', { body }));
    },
    onSuccess: onSaved,
  });
  const problems = fieldProblems(save.error);
  const problem = (field: string) =>
    problems[field] ? t('admin.agencies.invalid', { problem: problems[field] }) : undefined;
  return (
    <FormDialog
      title={agency ? t('admin.agencies.editOf', { name: agency.name }) : t('admin.agencies.add')}
      size="lg"
      saving={save}
      submitLabel={agency ? t('admin.save') : t('admin.agencies.create')}
      onClose={onClose}
    >
      <TextInput
        label={t('admin.agencies.name')}
        required
        value={name}
        error={problem('name')}
        onChange={(e) => setName(e.currentTarget.value)}
        data-autofocus
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NativeSelect
          label={t('admin.agencies.kind')}
          value={kind}
          onChange={(e) => setKind(e.currentTarget.value as Kind)}
          data={KINDS.map((k) => ({ value: k, label: t(`admin.kind.${k}`) }))}
        />
        <TextInput
          label={t('admin.agencies.province')}
          required
          value={province}
          error={problem('province')}
          onChange={(e) => setProvince(e.currentTarget.value)}
        />
      </SimpleGrid>
      <Checkbox.Group
        label={t('admin.agencies.services')}
        value={services}
        onChange={setServices}
        error={problem('services')}
      >
        <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs" spacing={6}>
          {[...new Set([...SERVICES, ...services])].map((s) => (
            <Checkbox key={s} value={s} label={t(`casefile.service.${s}`, { defaultValue: s })} />
          ))}
        </SimpleGrid>
      </Checkbox.Group>
      <TextInput
        label={t('admin.agencies.webhook')}
        description={t('admin.agencies.webhookHelp')}
        type="url"
        value={webhookUrl}
        error={problem('webhookUrl')}
        onChange={(e) => setWebhookUrl(e.currentTarget.value)}
      />
      <Checkbox.Group
        label={t('admin.agencies.allowedFields')}
        description={t('admin.agencies.allowedHelp')}
        value={allowedFields}
        onChange={setAllowedFields}
        error={problem('allowedFields')}
      >
        <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs" spacing={6}>
          {FIELDS.map((f) => (
            <Checkbox key={f} value={f} label={t(`admin.field.${f}`)} />
          ))}
        </SimpleGrid>
      </Checkbox.Group>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput
          label={t('admin.agencies.fallbackName')}
          value={contact.name}
          error={problem('fallbackContact.name')}
          onChange={(e) => setContact({ ...contact, name: e.currentTarget.value })}
        />
        <TextInput
          label={t('admin.agencies.fallbackPhone')}
          value={contact.phone}
          error={problem('fallbackContact.phone')}
          onChange={(e) => setContact({ ...contact, phone: e.currentTarget.value })}
        />
        <TextInput
          label={t('admin.agencies.fallbackEmail')}
          type="email"
          value={contact.email}
          error={problem('fallbackContact.email')}
          onChange={(e) => setContact({ ...contact, email: e.currentTarget.value })}
        />
      </SimpleGrid>
      {agency && (
        <Switch
          label={t('admin.agencies.active')}
          checked={active}
          onChange={(e) => setActive(e.currentTarget.checked)}
        />
      )}
    </FormDialog>
  );
}
